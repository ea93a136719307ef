import { duesRoutes } from '@shared/routes/dues';
import { createRouteGroup } from '../route-group';
import { duesRegister, markDues, remindUnpaid } from './dues.service';

export const handler = createRouteGroup(duesRoutes, {
  duesRegister: ({ user, params, query }) => duesRegister(user(), params.branchId, query.month),
  markDues: ({ user, params, body }) => markDues(user(), params.branchId, params.month, params.userId, body),
  remindDues: ({ user, params }) => remindUnpaid(user(), params.branchId, params.month),
});
