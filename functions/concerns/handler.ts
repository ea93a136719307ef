// This group has idempotent routes.
import '../core/http/idempotency';
import { concernRoutes } from '@shared/routes/concerns';
import { createRouteGroup } from '../route-group';
import { revealConcernPhone } from './contact';
import { followUp } from './follow-ups';
import { plugPhotos } from './photo-port';
import { attachPhotos, photoUpload, photoViews } from './photos';
import { concernOverview } from './overview.service';
import { getConcernFor, giveFeedback, myConcerns, raiseConcern, stationConcerns, transition } from './concerns.service';

// Only this function attaches and shows photos (see photo-port.ts).
plugPhotos({ attach: attachPhotos, views: photoViews });

export const handler = createRouteGroup(concernRoutes, {
  raiseConcern: ({ user, body }) => raiseConcern(user(), body),
  myConcerns: ({ user, query }) => myConcerns(user(), query),
  getConcern: ({ user, params }) => getConcernFor(user(), params.id),
  stationConcerns: ({ user, params, query }) => stationConcerns(user(), params.stationId, query),
  transitionConcern: ({ user, params, body }) => transition(user(), params.id, body),
  concernFeedback: ({ user, params, body }) => giveFeedback(user(), params.id, body),
  revealConcernPhone: ({ user, params }) => revealConcernPhone(user(), params.id),
  concernPhotoUpload: ({ user, body }) => photoUpload(user().userId, body),
  concernFollowUp: ({ user, params, body }) => followUp(user(), params.id, body),
  concernOverview: ({ user, params, query }) => concernOverview(user(), params.orgId, query.month),
});
