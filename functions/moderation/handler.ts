import { createRouteGroup } from '../route-group';
import { decideModeration, listModeration } from './moderation.service';

export const handler = createRouteGroup('moderation', {
  listModeration: ({ user, params, query }) => listModeration(user(), params.orgId, query),
  decideModeration: ({ user, params, body }) => decideModeration(user(), params.kind, params.id, body),
});
