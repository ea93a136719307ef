// Stations (驻点工作室, 说事室) as the public sees them.
import { call, expectError } from './http';
import { closeDb } from './db';

afterAll(closeDb);

describe('GET /v1/stations/{stationId}', () => {
  it('is public and shows the station with its address and location, or 404', async () => {
    const res = await call('getStation', { params: { stationId: 'st-yucun' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 'st-yucun', name: '余村群众说事室', orgId: 'yucun', address: expect.any(String), lat: expect.any(Number), lng: expect.any(Number) });
    expectError(await call('getStation', { params: { stationId: 'st-nowhere' } }), 404, 'NOT_FOUND');
  });
});
