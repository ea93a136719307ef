// The township overview of 群众说事 (issue 15): figures per station and month kept in the concerns' own transactions,
// overdue counted against the station that let the deadline pass, the worst overdue list, export, and who may read it.
import ExcelJS from 'exceljs';
import { shanghaiMonth } from '@shared/time';
import { concernKeys } from '../../functions/concerns/concern.entity';
import { overviewKeys } from '../../functions/concerns/overview.entity';
import { closeDb, getItem, partition, putRaw } from './db';
import { call, expectError, freshUser } from './http';
import { ownTownship } from './own-orgs';
import { withGrant } from './people';

afterAll(closeDb);

describe('GET /v1/orgs/{orgId}/concern-overview', () => {
  it('counts received, resolved, overdue, resolve time and satisfaction per station, from running rows', async () => {
    // Prepare: a township of our own with two stations, its admin, an official of the first station, a resident
    const org = await ownTownship('overview', { villages: 2 });
    const [[admin], [official], [stranger], resident] = await Promise.all([
      withGrant('township_admin', org.townshipId, 1),
      withGrant('official', org.stationId, 1),
      withGrant('official', org.villages[1]!.stationId, 1),
      freshUser('overview'),
    ]);
    const raise = async (title: string) => {
      const r = await call('raiseConcern', { token: resident.token, body: { villageId: org.villageId, category: 'environment', title, content: `${title}，请尽快处理。` } });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const month = shanghaiMonth();
    const done = await raise('路灯不亮');
    const late = await raise('垃圾未清运');
    expect((await call('transitionConcern', { token: official!.token, params: { id: done }, body: { action: 'start', note: '已受理' } })).status).toBe(200);
    expect((await call('transitionConcern', { token: official!.token, params: { id: done }, body: { action: 'resolve', note: '已修好' } })).status).toBe(200);
    expect((await call('concernFeedback', { token: resident.token, params: { id: done }, body: { satisfied: true, rating: 4 } })).status).toBe(200);
    // The second one's deadline has just passed (time the API only reaches in days): concern and open-list row alike
    const dueAt = new Date(Date.now() - 60_000).toISOString();
    const item = (await getItem(concernKeys.concern(late).pk, concernKeys.concern(late).sk))!;
    await putRaw({ ...item, dueAt, gsi2sk: concernKeys.queueSort({ status: 'submitted', dueAt, id: late }) });
    const open = (await partition(overviewKeys.openConcerns(org.townshipId))).find((i) => i.id === late)!;
    await putRaw({ ...open, sk: overviewKeys.openSort({ id: late, dueAt }), dueAt });

    // Act
    const res = await call('concernOverview', { token: admin!.token, params: { orgId: org.townshipId }, query: { month } });

    // Assess
    expect(res.status).toBe(200);
    const first = res.body.stations.find((s: { stationId: string }) => s.stationId === org.stationId);
    expect(first).toMatchObject({ received: 2, resolved: 1, overdue: 1, feedbackCount: 1, satisfied: 1, satisfactionRate: 1, avgRating: 4 });
    expect(first.avgResolveHours).toBeGreaterThanOrEqual(0);
    expect(res.body.total).toMatchObject({ received: 2, resolved: 1, overdue: 1 });
    expect(res.body.worstOverdue.map((c: { id: string }) => c.id)).toEqual([late]);

    // A transfer does not clean it: still overdue against the first station; the second receives it with its own deadline
    expect((await call('transitionConcern', { token: official!.token, params: { id: late }, body: { action: 'transfer', toStationId: org.villages[1]!.stationId, note: '属地调整' } })).status).toBe(200);
    const after = (await call('concernOverview', { token: admin!.token, params: { orgId: org.townshipId }, query: { month } })).body;
    const byId = Object.fromEntries(after.stations.map((s: { stationId: string }) => [s.stationId, s]));
    expect(byId[org.stationId]).toMatchObject({ received: 2, overdue: 1 });
    expect(byId[org.villages[1]!.stationId]).toMatchObject({ received: 1, resolved: 0, overdue: 0 });
    expect(after.worstOverdue).toEqual([]);

    // Export: the same figures in a sheet
    const file = await call('exportConcernOverview', { token: admin!.token, params: { orgId: org.townshipId }, query: { month } });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.body.contentBase64, 'base64') as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['驻点', '受理', '办结', '超期', '平均办结时长(小时)', '评价数', '满意率', '平均评分']);
    expect(rows.find((r) => r[0] === '合计')?.slice(1, 4)).toEqual([3, 1, 1]);

    // Only staff of the township: not its officials, and a bad month is a 400
    expectError(await call('concernOverview', { token: stranger!.token, params: { orgId: org.townshipId }, query: { month } }), 403, 'FORBIDDEN');
    expectError(await call('concernOverview', { token: admin!.token, params: { orgId: org.townshipId }, query: { month: '2026-13' } }), 400, 'VALIDATION_FAILED');
    expectError(await call('concernOverview', { token: admin!.token, params: { orgId: org.branchId }, query: { month } }), 404, 'NOT_FOUND');
  });
});
