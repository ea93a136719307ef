import { meRoutes } from '@shared/routes/me';
import { createRouteGroup, Reply } from '../route-group';
import { recordSubscriptions, subscriptionsOf } from '../notifications/notify';
import { deleteMe, updateMe } from '../users/users.service';

export const handler = createRouteGroup(meRoutes, {
  getMe: async ({ user }) => user().user,
  updateMe: ({ user, body }) => updateMe(user(), body),
  mySubscriptions: ({ user }) => subscriptionsOf(user().userId),
  recordSubscriptions: ({ user, body }) => recordSubscriptions(user().userId, body.results),
  deleteMe: async ({ user }) => {
    await deleteMe(user());
    return new Reply(204, undefined);
  },
});
