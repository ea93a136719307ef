// The township overview of 群众说事 (issue 15): figures per station and month kept in the concerns' own transactions,
// overdue counted against the station that let the deadline pass, the worst overdue list, export, and who may read it.
import ExcelJS from 'exceljs';
import { MINUTE_MS, shanghaiMonth } from '@shared/time';
import { ddb } from '../../functions/core/dynamo';
import { concernKeys } from '../../functions/concerns/concern.entity';
import { overviewKeys } from '../../functions/concerns/overview.entity';
import { concernOverview } from '../../functions/concerns/overview.service';
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

  it('answers for a township of 60 stations and 400 open concerns in 3 DynamoDB requests at most', async () => {
    // Prepare: the running rows of a township of our own, written straight to the table: a row per station for the
    // month, 300 open concerns past their deadline (the oldest first in the key) and 100 not yet due
    const { townshipId } = await ownTownship('overview-bench');
    const month = shanghaiMonth();
    const now = Date.now();
    const rows = Array.from({ length: 60 }, (_, i) => ({
      pk: overviewKeys.stationRows(month, townshipId), sk: `st-bench-${i}`, entity: 'concern_agg', stationName: `第${i}说事室`, received: 5, resolved: 2, resolveMsSum: 7_200_000, overdueDone: 1, feedbackCount: 1, satisfied: 1, ratingSum: 5,
    }));
    const open = Array.from({ length: 400 }, (_, i) => {
      const dueAt = new Date(i < 300 ? now - (i + 1) * MINUTE_MS : now + (i + 1) * MINUTE_MS).toISOString();
      const id = `bench-concern-${i}`;
      return { pk: overviewKeys.openConcerns(townshipId), sk: overviewKeys.openSort({ id, dueAt }), entity: 'concern_open', id, trackingNo: `SS${i}`, title: `第${i}件`, stationId: `st-bench-${i % 60}`, stationName: `第${i % 60}说事室`, dueAt };
    });
    for (let i = 0; i < rows.length + open.length; i += 25) await Promise.all([...rows, ...open].slice(i, i + 25).map(putRaw));
    let requests = 0;
    ddb.middlewareStack.add((next) => async (args) => {
      requests++;
      return next(args);
    }, { step: 'initialize', name: 'countOverviewRequests' });
    const admin = { userId: 'u-demo-admin', grants: [{ role: 'admin' as const, orgId: 'huzhou' }], user: { id: 'u-demo-admin', displayName: 'admin', grants: [] } };
    try {
      // Act
      const result = await concernOverview(admin, townshipId, month, new Date(now));
      // Assess: every station, the worst ten overdue (longest past their deadline first), in three requests
      expect(result.stations).toHaveLength(60);
      expect(result.total).toMatchObject({ received: 300, resolved: 120 });
      expect(result.worstOverdue.map((c) => c.id)).toEqual(Array.from({ length: 10 }, (_, i) => `bench-concern-${299 - i}`));
      expect(requests).toBeGreaterThan(0); // the counter sees the reads
      expect(requests).toBeLessThanOrEqual(3); // the township, its station rows, its overdue open concerns
    } finally {
      ddb.middlewareStack.remove('countOverviewRequests');
    }
  });
});
