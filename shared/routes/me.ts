import { NoContent, route } from './define';
import { UpdateMeBody, User } from '../schemas/people';
import { RecordSubscriptionsBody, Subscriptions } from '../schemas/notify';

export const meRoutes = {
  getMe: route({
    method: 'GET', path: '/v1/me', group: 'me', auth: 'user',
  }, () => ({
    response: User(),
  })),
  updateMe: route({
    method: 'PATCH', path: '/v1/me', group: 'me', auth: 'user',
  }, () => ({
    body: UpdateMeBody(), response: User(),
  })),
  deleteMe: route({
    method: 'DELETE', path: '/v1/me', group: 'me', auth: 'user', status: 204,
  }, () => ({
    response: NoContent(),
  })),
  mySubscriptions: route({
    method: 'GET', path: '/v1/me/subscriptions', group: 'me', auth: 'user',
  }, () => ({
    response: Subscriptions(),
  })),
  recordSubscriptions: route({
    method: 'POST', path: '/v1/me/subscriptions', group: 'me', auth: 'user',
  }, () => ({
    body: RecordSubscriptionsBody(), response: Subscriptions(),
  })),
} as const;
