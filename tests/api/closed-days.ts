// Theme days run to their close through the API, for the assessment tests: what the figures count on.
import { call } from './http';
import type { Person } from './people';
import { moveThemeDayStart } from './db';
import { HOUR_MS } from '@shared/time';

/**
 * A day published an hour ahead (check-in open, so a late notice), `act` before it starts, then its start moved into
 * the past by a direct write (no waiting on the clock), `after` once it has started, and the close.
 */
export async function runDay(secretary: Person, branchId: string, act: (id: string, code: string) => Promise<void>, after?: (id: string) => Promise<void>, summary = '按计划完成各项议程。') {
  const created = await call('createThemeDay', {
    token: secretary.token,
    params: { branchId },
    body: { title: '主题党日', startsAt: new Date(Date.now() + HOUR_MS).toISOString(), endsAt: new Date(Date.now() + 3 * HOUR_MS).toISOString(), location: '村委会', agenda: ['学习'], onlineParticipation: true, category: 'study' },
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await call('publishThemeDay', { token: secretary.token, params: { id } })).body.lateNotice).toBe(true);
  const code = await call('createCheckInCode', { token: secretary.token, params: { id } });
  expect(code.status).toBe(201);
  await act(id, code.body.code);
  // It starts now: not earlier, or members who joined minutes ago would not be expected at it.
  await moveThemeDayStart(id, new Date().toISOString());
  if (after) await after(id);
  const closed = await call('closeThemeDay', { token: secretary.token, params: { id }, body: { summary } });
  expect(closed.status).toBe(200);
  return id;
}

/** Asserts a setup call did what the figures below count on. */
export async function ok(res: Promise<{ status: number; body: unknown }>, status = 201): Promise<void> {
  const r = await res;
  expect({ status: r.status, body: r.body }).toEqual({ status, body: expect.anything() });
}

