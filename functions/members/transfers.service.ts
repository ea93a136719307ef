// 组织关系转接: the sending branch's secretary (or staff over it) asks; the receiving secretary or staff over the
// receiving branch accepts or declines. Accepting moves the member in one transaction.
import { ROLE_SETS } from '@shared/roles';
import type { DecideTransferBody, RequestTransferBody, Transfer } from '@shared/schemas/members';
import { ConflictError, InvalidStateError, NotFoundError, ValidationError } from '../core/errors';
import { newId } from '../core/ids';
import { requireRole, type Principal } from '../core/policy';
import { requireBranch } from '../orgs/branches';
import { displayNames, getGrant } from '../users/users.repository';
import { decideTransferItems, getTransfer, pendingTransfers, putTransfer } from './members.repository';
import { administeredBranch, requireMember } from './roster.service';
import type { Infer } from '@shared/schemas/lazy';

export async function requestTransfer(principal: Principal, branchId: string, userId: string, body: Infer<typeof RequestTransferBody>): Promise<Transfer> {
  const from = await administeredBranch(principal, branchId);
  await requireMember(branchId, userId);
  if (body.toBranchId === branchId) throw new ValidationError('接收支部不能是本支部', [{ path: 'toBranchId', message: '不能是本支部' }]);
  const to = await requireBranch(body.toBranchId).catch((err: unknown) => {
    throw err instanceof NotFoundError ? new ValidationError('接收支部不存在', [{ path: 'toBranchId', message: '不是有效的党支部' }]) : err;
  });
  const name = (await displayNames([userId])).get(userId)!;
  const transfer: Transfer = {
    id: newId(),
    userId,
    displayName: name,
    fromBranchId: from.id,
    fromBranchName: from.name,
    toBranchId: to.id,
    toBranchName: to.name,
    ...(body.note ? { note: body.note } : {}),
    status: 'pending',
    requestedBy: principal.userId,
    requestedAt: new Date().toISOString(),
  };
  await putTransfer(principal, transfer, from);
  return transfer;
}

export async function listTransfers(principal: Principal, branchId: string): Promise<{ incoming: Transfer[]; outgoing: Transfer[] }> {
  await administeredBranch(principal, branchId);
  return pendingTransfers(branchId);
}

export async function decideTransfer(principal: Principal, id: string, body: Infer<typeof DecideTransferBody>): Promise<Transfer> {
  const t = await getTransfer(id);
  if (!t) throw new NotFoundError('转接申请不存在');
  const to = await requireBranch(t.toBranchId);
  requireRole(principal, ROLE_SETS.branchModerators, to.path);
  if (t.status !== 'pending') throw new InvalidStateError('该转接申请已处理');
  const decided: Transfer = { ...t, status: body.decision === 'accept' ? 'accepted' : 'declined', decidedBy: principal.userId, decidedAt: new Date().toISOString() };
  // Accepting ends the sending membership: its start is kept with it.
  let joinedAt = '';
  if (decided.status === 'accepted') {
    const grant = await getGrant(t.userId, { role: 'member', orgId: t.fromBranchId });
    if (!grant) throw new ConflictError('该党员已不在原支部，无法转入');
    joinedAt = grant.createdAt;
  }
  const outcome = await decideTransferItems(principal, t, decided, to, joinedAt);
  if (outcome === 'already_decided') throw new InvalidStateError('该转接申请已处理');
  if (outcome === 'not_member') throw new ConflictError('该党员已不在原支部，无法转入');
  if (outcome === 'already_member') throw new ConflictError('该党员已是接收支部的党员');
  return decided;
}
