// 内容审核: the queue of a township, village or branch; a decision on one item; the outbox's dead letters
import * as z from 'zod/mini';
import { route } from './define';
import { Id, page, PageQuery } from '../schemas/common';
import { DeadLetter } from '../schemas/notify';
import { ModerationDecisionBody, ModerationDecisionResult, ModerationItem, ModerationItemId, ModerationKind } from '../schemas/moderation';

export const moderationRoutes = {
  listModeration: route({
    method: 'GET', path: '/v1/orgs/{orgId}/moderation', group: 'moderation', auth: 'user',
  }, () => ({
    params: z.strictObject({ orgId: Id() }), query: PageQuery(), response: page(ModerationItem()),
  })),
  decideModeration: route({
    method: 'POST', path: '/v1/moderation/{kind}/{id}/decision', group: 'moderation', auth: 'user',
  }, () => ({
    params: z.strictObject({ kind: ModerationKind(), id: ModerationItemId() }), body: ModerationDecisionBody(), response: ModerationDecisionResult(),
  })),
  // Messages the outbox gave up on (WeChat down past the last try, or refusing them): admins follow them up
  listDeadLetters: route({
    method: 'GET', path: '/v1/dead-letters', group: 'moderation', auth: 'user',
  }, () => ({
    query: PageQuery(), response: page(DeadLetter()),
  })),
} as const;
