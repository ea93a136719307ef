// 集中交纳党费 (issue 15): the secretary's register per branch and month, reminders to the unpaid through the outbox,
// the export, and who may read or mark it.
import ExcelJS from 'exceljs';
import { shanghaiMonth, shiftMonth } from '@shared/time';
import { closeDb, outboxSettled } from './db';
import { call, expectError } from './http';
import { ownTownship } from './own-orgs';
import { withGrant } from './people';
import { grantAtWeChat, messagesTo } from './wechat-fake';

afterAll(closeDb);

describe('the dues register', () => {
  it('lists the expected members, records declared amounts and payments, reminds the unpaid once a day and exports', async () => {
    // Prepare: a branch of our own with a secretary, three members and its township's admin
    const org = await ownTownship('dues');
    const [[secretary], members, [admin]] = await Promise.all([
      withGrant('secretary', org.branchId, 1),
      withGrant('member', org.branchId, 3),
      withGrant('township_admin', org.townshipId, 1),
    ]);
    const month = shanghaiMonth();
    const params = { branchId: org.branchId };
    const [paid, declared, silent] = members;

    // Act: one paid, one declared but not yet paid, one with nothing recorded
    const mark = await call('markDues', { token: secretary!.token, params: { ...params, month, userId: paid!.userId }, body: { amount: 25.5, paid: true } });
    expect(mark.status).toBe(200);
    expect(mark.body).toMatchObject({ userId: paid!.userId, amount: 25.5, paid: true });
    expect((await call('markDues', { token: secretary!.token, params: { ...params, month, userId: declared!.userId }, body: { amount: 10, paid: false } })).status).toBe(200);

    // Assess: the register, read by the township's admin
    const reg = await call('duesRegister', { token: admin!.token, params, query: { month } });
    expect(reg.status).toBe(200);
    expect(reg.body).toMatchObject({ expected: 4, paidCount: 1, unpaidCount: 3, totalPaid: 25.5 }); // three members and the secretary
    const byUser = Object.fromEntries(reg.body.items.map((i: { userId: string }) => [i.userId, i]));
    expect(byUser[paid!.userId]).toMatchObject({ amount: 25.5, paid: true, paidOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(byUser[declared!.userId]).toMatchObject({ amount: 10, paid: false });
    expect(byUser[silent!.userId]).toMatchObject({ amount: null, paid: false });
    expect(reg.body.items.slice(0, 2).every((i: { paid: boolean }) => !i.paid)).toBe(true); // unpaid first

    // Each mark left an audit entry, in the branch, by the secretary
    const audit = await call('listAudit', { token: admin!.token, query: { orgId: org.branchId } });
    const marks = audit.body.items.filter((e: { action: string }) => e.action === 'dues.mark');
    expect(marks).toHaveLength(2);
    expect(marks.find((e: { target: { id: string } }) => e.target.id === paid!.userId)).toMatchObject({ actorId: secretary!.userId, after: { month, amount: 25.5, paid: true } });

    // Reminders: the unpaid (two members and the secretary) get one each, a second tap the same day adds nothing
    await grantAtWeChat(declared!.openid, 'tmpl-dues_reminder', 2);
    expect((await call('recordSubscriptions', { token: declared!.token, body: { results: [{ template: 'dues_reminder', accepted: true }] } })).status).toBe(200);
    const first = await call('remindDues', { token: secretary!.token, params: { ...params, month } });
    const second = await call('remindDues', { token: secretary!.token, params: { ...params, month } });
    expect([first.body.reminded, second.body.reminded]).toEqual([3, 0]);
    await outboxSettled(`dues#${org.branchId}#${month}#${declared!.userId}`);
    const sent = await messagesTo(declared!.openid, 'tmpl-dues_reminder');
    expect(sent).toHaveLength(1);
    expect(sent[0].data.amount3.value).toBe('10.00元');

    // Export
    const file = await call('exportDues', { token: secretary!.token, params, query: { month } });
    expect(file.status).toBe(200);
    expect(file.body.fileName).toBe(`党费交纳-${month}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.body.contentBase64, 'base64') as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['姓名', '申报金额(元)', '状态', '交纳日期', '登记人']);
    expect(rows.filter((r) => r[2] === '已交')).toHaveLength(1);
    expect(rows.find((r) => r[0] === '已交合计(元)')?.[1]).toBe(25.5);
  });

  it('lets only the secretary mark, refuses bad amounts and future months, and hides the register from members', async () => {
    const org = await ownTownship('dues2');
    const [[secretary], [member], [admin]] = await Promise.all([
      withGrant('secretary', org.branchId, 1),
      withGrant('member', org.branchId, 1),
      withGrant('township_admin', org.townshipId, 1),
    ]);
    const month = shanghaiMonth();
    const at = (m: string, userId = member!.userId) => ({ branchId: org.branchId, month: m, userId });
    expectError(await call('markDues', { token: admin!.token, params: at(month), body: { amount: 5, paid: true } }), 403, 'FORBIDDEN');
    expectError(await call('markDues', { token: member!.token, params: at(month), body: { amount: 5, paid: true } }), 403, 'FORBIDDEN');
    expectError(await call('markDues', { token: secretary!.token, params: at(month), body: { amount: -1, paid: true } }), 400, 'VALIDATION_FAILED');
    expectError(await call('markDues', { token: secretary!.token, params: at(month), body: { amount: 1.234, paid: true } }), 400, 'VALIDATION_FAILED');
    expectError(await call('markDues', { token: secretary!.token, params: at(shiftMonth(month, 1)), body: { amount: 5, paid: true } }), 400, 'VALIDATION_FAILED');
    expectError(await call('markDues', { token: secretary!.token, params: at(month, admin!.userId), body: { amount: 5, paid: true } }), 404, 'NOT_FOUND');
    expectError(await call('duesRegister', { token: member!.token, params: { branchId: org.branchId }, query: { month } }), 403, 'FORBIDDEN');
    // Nothing was stored by the refused calls
    const reg = await call('duesRegister', { token: secretary!.token, params: { branchId: org.branchId }, query: { month } });
    expect(reg.body.items.map((i: { amount: number | null }) => i.amount)).toEqual([null, null]); // the member and the secretary
  });
});
