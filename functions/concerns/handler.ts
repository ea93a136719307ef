// This group has idempotent routes.
import '../core/http/idempotency';
import { concernRoutes } from '@shared/routes/concerns';
import { createRouteGroup } from '../route-group';
import { revealConcernPhone } from './contact';
import { exportConcernOverview } from './overview.export';
import { concernOverview } from './overview.service';
import { getConcernFor, giveFeedback, myConcerns, raiseConcern, stationConcerns, transition } from './concerns.service';

export const handler = createRouteGroup(concernRoutes, {
  raiseConcern: ({ user, body }) => raiseConcern(user(), body),
  myConcerns: ({ user, query }) => myConcerns(user(), query),
  getConcern: ({ user, params }) => getConcernFor(user(), params.id),
  stationConcerns: ({ user, params, query }) => stationConcerns(user(), params.stationId, query),
  transitionConcern: ({ user, params, body }) => transition(user(), params.id, body),
  concernFeedback: ({ user, params, body }) => giveFeedback(user(), params.id, body),
  revealConcernPhone: ({ user, params }) => revealConcernPhone(user(), params.id),
  concernOverview: ({ user, params, query }) => concernOverview(user(), params.orgId, query.month),
  exportConcernOverview: ({ user, params, query }) => exportConcernOverview(user(), params.orgId, query.month),
});
