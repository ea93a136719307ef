// The H5 build calls the API from another origin. CORS is the HTTP API's job (provider.httpApi.cors in
// serverless.yml), and serverless-offline answers it locally from the same setting: the functions add no headers.
import { API_URL, login } from './http';

const ORIGIN = 'http://127.0.0.1:10086';
const base = API_URL.replace(/\/v1$/, '');

describe('CORS from serverless.yml', () => {
  it('answers a preflight for a write with the headers the app sends', async () => {
    // Act
    const res = await fetch(`${base}/v1/slots/01JUNKNOWN0000000000000000/bookings`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
    });

    // Assess
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'x-http-method-override']));
    expect((res.headers.get('access-control-allow-methods') ?? '').split(',')).toEqual(expect.arrayContaining(['POST', 'PATCH', 'DELETE']));
  });

  it('lets the page read answers, refusals included', async () => {
    // Prepare
    const token = await login('demo-member-1');

    // Act
    const ok = await fetch(`${base}/v1/me`, { headers: { origin: ORIGIN, authorization: `Bearer ${token}` } });
    const refused = await fetch(`${base}/v1/me`, { headers: { origin: ORIGIN } });

    // Assess
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});
