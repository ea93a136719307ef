import { createRouteGroup, Reply } from '../core/http/stack';
import { deleteMe, updateMe } from '../users/users.service';

export const handler = createRouteGroup('me', {
  getMe: async ({ user }) => user().user,
  updateMe: ({ user, body }) => updateMe(user(), body),
  deleteMe: async ({ user }) => {
    await deleteMe(user());
    return new Reply(204, undefined);
  },
});
