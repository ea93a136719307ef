// Dead letters of the outbox, newest first, for admins: one Query on their partition.
import { ROLE_SETS, holdsAnywhere } from '@shared/roles';
import type { DeadLetter } from '@shared/schemas/notify';
import { ForbiddenError } from '../core/errors';
import { queryPage, type Page } from '../core/pagination';
import type { Principal } from '../core/policy';
import { outboxKeys, toDeadLetter } from './outbox.entity';

export async function listDeadLetters(principal: Principal, q: { limit: number; cursor?: string }): Promise<Page<DeadLetter>> {
  if (!holdsAnywhere(principal, ROLE_SETS.admins)) throw new ForbiddenError('只有管理员可以查看未送达的消息');
  const page = await queryPage({ pk: outboxKeys.deadLetters, forward: false, limit: q.limit, cursor: q.cursor }, toDeadLetter);
  return { items: page.items, nextCursor: page.nextCursor };
}
