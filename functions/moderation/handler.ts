import { moderationRoutes } from '@shared/routes/moderation';
import { createRouteGroup } from '../route-group';
import { listDeadLetters } from '../notifications/dead-letters';
import { decideModeration, listModeration } from './moderation.service';

export const handler = createRouteGroup(moderationRoutes, {
  listModeration: ({ user, params, query }) => listModeration(user(), params.orgId, query),
  decideModeration: ({ user, params, body }) => decideModeration(user(), params.kind, params.id, body),
  listDeadLetters: ({ user, query }) => listDeadLetters(user(), query),
});
