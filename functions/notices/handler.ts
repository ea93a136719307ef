// This group has idempotent routes.
import '../core/http/idempotency';
import { noticeRoutes } from '@shared/routes/notices';
import { createRouteGroup, Reply } from '../route-group';
import { createNotice, getPublicNotice, listNotices, updateNotice, withdrawNotice } from './notices.service';

export const handler = createRouteGroup(noticeRoutes, {
  createNotice: ({ user, params, body }) => createNotice(user(), params.orgId, body),
  listNotices: ({ params, query }) => listNotices(params.orgId, query.limit, query.cursor),
  getNotice: ({ params }) => getPublicNotice(params.id),
  updateNotice: ({ user, params, body }) => updateNotice(user(), params.id, body),
  withdrawNotice: async ({ user, params }) => {
    await withdrawNotice(user(), params.id);
    return new Reply(204, undefined);
  },
});
