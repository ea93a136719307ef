// 党务公开
import * as z from 'zod/mini';
import { route } from './define';
import { Id, page, PageQuery } from '../schemas/common';
import { CreateNoticeBody, Notice, UpdateNoticeBody } from '../schemas/notices';

export const noticeRoutes = {
  createNotice: route({
    method: 'POST', path: '/v1/orgs/{orgId}/notices', group: 'notices', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    params: z.strictObject({ orgId: Id() }), body: CreateNoticeBody(), response: Notice(),
  })),
  listNotices: route({
    method: 'GET', path: '/v1/orgs/{orgId}/notices', group: 'notices', auth: 'public',
  }, () => ({
    params: z.strictObject({ orgId: Id() }), query: PageQuery(), response: page(Notice()),
  })),
  getNotice: route({
    method: 'GET', path: '/v1/notices/{id}', group: 'notices', auth: 'public',
  }, () => ({
    params: z.strictObject({ id: Id() }), response: Notice(),
  })),
  updateNotice: route({
    method: 'PATCH', path: '/v1/notices/{id}', group: 'notices', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), body: UpdateNoticeBody(), response: Notice(),
  })),
  withdrawNotice: route({
    method: 'DELETE', path: '/v1/notices/{id}', group: 'notices', auth: 'user', status: 204,
  }, () => ({
    params: z.strictObject({ id: Id() }), response: z.undefined(),
  })),
} as const;
