// 集中交纳党费 per branch and month: who is expected (the branch's current members),
// what each declared, who has paid. The secretary marks and reminds; staff above read and export.
import { ROLE_SETS } from '@shared/roles';
import type { DuesEntry, DuesRegister, MarkDuesBody } from '@shared/schemas/practices';
import { monthLabel, shanghaiDate, shanghaiMonth } from '@shared/time';
import { TABLE } from '../core/dynamo';
import { NotFoundError, ValidationError } from '../core/errors';
import { requireRole, type Principal } from '../core/policy';
import { readTogether } from '../core/batch';
import { transactOrThrow, transactWrite } from '../core/transact';
import { auditPut } from '../audit/audit';
import { outboxPut } from '../notifications/outbox.entity';
import { requireBranch } from '../orgs/branches';
import { DELETED_NAME } from '../users/user.entity';
import { allMemberGrants, getGrant, profilesById, profilesRead } from '../users/users.repository';
import { duesItem, duesRowsRead, toFen, toYuan, type DuesRecord } from './dues.entity';
import type { Infer } from '@shared/schemas/lazy';

type Entry = Infer<typeof DuesEntry>;

/**
 * The register of the branch's current members: their grants, then one batch of their profiles and their rows of the
 * month (a row names who marked it, so no other read is needed). A member who left keeps their row, off the register.
 */
async function register(branchId: string, month: string): Promise<Entry[]> {
  const ids = (await allMemberGrants(branchId)).map((m) => m.userId);
  const [profiles, rows] = await readTogether([profilesRead(ids), duesRowsRead(branchId, month, ids)]);
  return ids
    .map((userId): Entry => {
      const r = rows.get(userId);
      return {
        userId,
        displayName: profiles.get(userId)?.displayName ?? DELETED_NAME,
        amount: r ? toYuan(r.amountFen) : null,
        paid: r?.paid ?? false,
        ...(r?.paidOn ? { paidOn: r.paidOn } : {}),
        ...(r ? { markedBy: r.markedByName } : {}),
      };
    })
    // Unpaid first: what the secretary still has to collect.
    .sort((a, b) => Number(a.paid) - Number(b.paid) || a.displayName.localeCompare(b.displayName, 'zh'));
}

function summary(branchId: string, month: string, items: Entry[]): DuesRegister {
  const paid = items.filter((i) => i.paid);
  return {
    branchId,
    month,
    items,
    expected: items.length,
    paidCount: paid.length,
    unpaidCount: items.length - paid.length,
    totalPaid: toYuan(paid.reduce((s, i) => s + toFen(i.amount ?? 0), 0)),
  };
}

export async function duesRegister(principal: Principal, branchId: string, month: string): Promise<DuesRegister> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ROLE_SETS.duesReaders, branch.path);
  return summary(branchId, month, await register(branchId, month));
}

export async function markDues(principal: Principal, branchId: string, month: string, userId: string, body: Infer<typeof MarkDuesBody>): Promise<Entry> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ROLE_SETS.branchLeaders, branch.path);
  if (month > shanghaiMonth()) throw new ValidationError('不能登记未来月份的党费', [{ path: 'month', message: '须为本月或以前' }]);
  if (body.paidOn && !body.paid) throw new ValidationError('未交纳时不能填写交纳日期', [{ path: 'paidOn', message: '仅已交纳时填写' }]);
  const today = shanghaiDate();
  if (body.paidOn && body.paidOn > today) throw new ValidationError('交纳日期不能晚于今天', [{ path: 'paidOn', message: '不能晚于今天' }]);
  const [grant, profiles] = await Promise.all([getGrant(userId, { role: 'member', orgId: branchId }), profilesById([userId])]);
  if (!grant) throw new NotFoundError('该党员不在本支部');
  const record: DuesRecord = {
    branchId,
    month,
    userId,
    amountFen: toFen(body.amount),
    paid: body.paid,
    ...(body.paid ? { paidOn: body.paidOn ?? today } : {}),
    markedBy: principal.userId,
    markedByName: principal.user.displayName,
    updatedAt: new Date().toISOString(),
  };
  const after = { month, amount: body.amount, paid: record.paid, ...(record.paidOn ? { paidOn: record.paidOn } : {}) };
  await transactOrThrow(
    [{ Put: { TableName: TABLE, Item: duesItem(record) } }, auditPut(principal, { action: 'dues.mark', org: branch, target: { kind: 'user', id: userId }, after })],
    () => new Error('dues row not saved'),
  );
  return {
    userId,
    displayName: profiles.get(userId)?.displayName ?? DELETED_NAME,
    amount: body.amount,
    paid: record.paid,
    ...(record.paidOn ? { paidOn: record.paidOn } : {}),
    markedBy: record.markedByName,
  };
}

/** A subscribe message to each unpaid member through the outbox; at most one per member and day, however often tapped. */
export async function remindUnpaid(principal: Principal, branchId: string, month: string): Promise<{ reminded: number }> {
  const branch = await requireBranch(branchId);
  requireRole(principal, ROLE_SETS.branchLeaders, branch.path);
  const items = await register(branchId, month);
  const today = shanghaiDate();
  const outcomes = await Promise.all(
    items
      .filter((i) => !i.paid)
      .map((i) =>
        // The event id names the day: a second reminder the same day fails its condition and adds nothing.
        transactWrite([
          outboxPut(
            {
              subject: `dues#${branchId}#${month}#${i.userId}`,
              template: 'dues_reminder',
              data: { thing1: `${monthLabel(month)}党费`, thing2: branch.name, amount3: i.amount === null ? '请向支部书记申报' : `${i.amount.toFixed(2)}元` },
              page: 'pages/mine/index',
              to: { users: [i.userId] },
            },
            new Date(),
            today,
          ),
        ]),
      ),
  );
  return { reminded: outcomes.filter((o) => o.committed).length };
}
