// Station administration: the fields of a station, the villages it serves, and the routing of new concerns that
// follows the serves list (falling back to the village's own station, then the township's).
import { orgKeys } from '../../functions/orgs/org.entity';
import { auditKeys } from '../../functions/audit/audit.entity';
import { itemAt, partition } from './db';
import { call, expectError, login } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

let own: OwnTownship;
let other: OwnTownship;
let townAdmin: Person;
let raised = 0;

/** Raised by a resident of its own each time (concerns are rate-limited per person). */
const raise = async (villageId: string) =>
  call('raiseConcern', { token: await login(`stadm-resident-${Date.now()}-${raised++}`), body: { villageId, category: 'environment', title: '垃圾清运', content: '垃圾桶满了三天没人清运。' } });

beforeAll(async () => {
  [own, other] = await Promise.all([ownTownship('stadm', { villages: 2 }), ownTownship('stadmx')]);
  [townAdmin] = await withGrant('township_admin', own.townshipId, 1);
}, 120_000);

describe('stations', () => {
  it('creates a 红管家 station at the township serving a village: its new concerns go there', async () => {
    const [served, notServed] = own.villages;
    // Before: the village's own station
    expect((await raise(served!.villageId)).body.stationId).toBe(served!.stationId);
    // Act
    const res = await call('createStation', {
      token: townAdmin.token,
      body: {
        orgId: own.townshipId, name: '镇红管家服务驿站', stationType: 'red_steward', hostDepartment: '镇党委', address: '镇政府东侧',
        lat: 30.61, lng: 119.62, openingHours: '每日 9:00—18:00', serves: [served!.villageId],
      },
    });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String), orgId: own.townshipId, name: '镇红管家服务驿站', stationType: 'red_steward', hostDepartment: '镇党委', address: '镇政府东侧',
      lat: 30.61, lng: 119.62, openingHours: '每日 9:00—18:00', serves: [served!.villageId],
    });
    expect(await call('getStation', { params: { stationId: res.body.id } })).toMatchObject({ status: 200, body: res.body });
    expect(await itemAt(orgKeys.servedBy(served!.villageId))).toMatchObject({ stationId: res.body.id });
    expect((await raise(served!.villageId)).body).toMatchObject({ stationId: res.body.id, stationName: '镇红管家服务驿站' });
    expect((await raise(notServed!.villageId)).body.stationId).toBe(notServed!.stationId);
    const entries = await partition(auditKeys.partition(own.townshipId));
    expect(entries.find((e) => e.action === 'station.create' && (e.target as { id: string }).id === res.body.id)).toMatchObject({ after: expect.objectContaining({ serves: [served!.villageId] }) });
  });

  it('updates the fields and the serves list: a village let go falls back to its own station', async () => {
    const [a, b] = own.villages;
    const created = await call('createStation', { token: townAdmin.token, body: { orgId: own.townshipId, name: '流动驿站', stationType: 'director_office', address: '镇政府', serves: [b!.villageId] } });
    expect(created.status).toBe(201);
    // Act: rename, new hours, and serve the other village instead... which the first test's station already serves
    const clash = await call('updateStation', { token: townAdmin.token, params: { stationId: created.body.id }, body: { serves: [a!.villageId] } });
    expectError(clash, 409, 'CONFLICT');
    expect(clash.body.error.message).toContain('镇红管家服务驿站');
    const updated = await call('updateStation', { token: townAdmin.token, params: { stationId: created.body.id }, body: { name: '流动驿站（新）', openingHours: '周六 9:00—12:00', serves: [] } });
    // Assess
    expect(updated.body).toMatchObject({ id: created.body.id, name: '流动驿站（新）', openingHours: '周六 9:00—12:00', serves: [], stationType: 'director_office' });
    expect(await itemAt(orgKeys.servedBy(b!.villageId))).toBeUndefined();
    expect((await raise(b!.villageId)).body.stationId).toBe(b!.stationId);
    const entries = await partition(auditKeys.partition(own.townshipId));
    expect(entries.find((e) => e.action === 'station.update' && (e.target as { id: string }).id === created.body.id)).toMatchObject({
      before: expect.objectContaining({ name: '流动驿站', serves: [b!.villageId] }), after: expect.objectContaining({ name: '流动驿站（新）', serves: [] }),
    });
  });

  it('refuses bad input in Chinese and villages outside the admin’s township', async () => {
    const body = { orgId: own.townshipId, name: '驿站', stationType: 'talk_room', address: '镇政府' };
    expectError(await call('createStation', { token: townAdmin.token, body: { ...body, stationType: 'shop' } }), 400, 'VALIDATION_FAILED');
    expectError(await call('createStation', { token: townAdmin.token, body: { ...body, address: '' } }), 400, 'VALIDATION_FAILED');
    expectError(await call('createStation', { token: townAdmin.token, body: { ...body, lat: 123 } }), 400, 'VALIDATION_FAILED');
    const notVillage = await call('createStation', { token: townAdmin.token, body: { ...body, serves: [own.branchId] } });
    expectError(notVillage, 400, 'VALIDATION_FAILED');
    expect(notVillage.body.error.message).toContain('村（社区）');
    expectError(await call('createStation', { token: townAdmin.token, body: { ...body, serves: [other.villageId] } }), 403, 'FORBIDDEN');
    expectError(await call('createStation', { token: townAdmin.token, body: { ...body, orgId: other.townshipId } }), 403, 'FORBIDDEN');
    expectError(await call('updateStation', { token: townAdmin.token, params: { stationId: other.stationId }, body: { name: '越权' } }), 403, 'FORBIDDEN');
    expectError(await call('updateStation', { token: townAdmin.token, params: { stationId: 'nowhere' }, body: { name: '无' } }), 404, 'NOT_FOUND');
    expectError(await call('updateStation', { token: townAdmin.token, params: { stationId: own.stationId }, body: {} }), 400, 'VALIDATION_FAILED');
  });
});
