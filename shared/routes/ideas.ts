// 主题党日: ideas
import * as z from 'zod/mini';
import { route } from './define';
import { Id, page, PageQuery } from '../schemas/common';
import { AnswerIdeaBody, CreateIdeaBody, Idea, ListIdeasQuery, ReportIdeaBody, ReportResult, SupportResult } from '../schemas/themeday';

export const ideaRoutes = {
  createIdea: route({
    method: 'POST', path: '/v1/branches/{branchId}/ideas', group: 'ideas', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    params: z.strictObject({ branchId: Id() }), body: CreateIdeaBody(), response: Idea(),
  })),
  listIdeas: route({
    method: 'GET', path: '/v1/branches/{branchId}/ideas', group: 'ideas', auth: 'user',
  }, () => ({
    params: z.strictObject({ branchId: Id() }), query: z.extend(PageQuery(), ListIdeasQuery().shape), response: page(Idea()),
  })),
  getIdea: route({
    method: 'GET', path: '/v1/ideas/{ideaId}', group: 'ideas', auth: 'user',
  }, () => ({
    params: z.strictObject({ ideaId: Id() }), response: Idea(),
  })),
  supportIdea: route({
    method: 'PUT', path: '/v1/ideas/{ideaId}/support', group: 'ideas', auth: 'user',
  }, () => ({
    params: z.strictObject({ ideaId: Id() }), response: SupportResult(),
  })),
  withdrawSupport: route({
    method: 'DELETE', path: '/v1/ideas/{ideaId}/support', group: 'ideas', auth: 'user',
  }, () => ({
    params: z.strictObject({ ideaId: Id() }), response: SupportResult(),
  })),
  answerIdea: route({
    method: 'POST', path: '/v1/ideas/{ideaId}/answer', group: 'ideas', auth: 'user',
  }, () => ({
    params: z.strictObject({ ideaId: Id() }), body: AnswerIdeaBody(), response: Idea(),
  })),
  reportIdea: route({
    method: 'POST', path: '/v1/ideas/{ideaId}/reports', group: 'ideas', auth: 'user', status: 202,
  }, () => ({
    params: z.strictObject({ ideaId: Id() }), body: ReportIdeaBody(), response: ReportResult(),
  })),
  restoreIdea: route({
    method: 'POST', path: '/v1/ideas/{ideaId}/restore', group: 'ideas', auth: 'user',
  }, () => ({
    params: z.strictObject({ ideaId: Id() }), response: Idea(),
  })),
} as const;
