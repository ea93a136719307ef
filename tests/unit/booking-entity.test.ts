// 局长驻点 entity helpers: the booking window's edges, host names that are the same person, slot display.
import { hostKey, toSlot, type SlotRecord } from '../../functions/bookings/booking.entity';
import { bookingWindow } from '../../functions/bookings/booking.rules';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const NOW = Date.parse('2026-05-12T01:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

describe('bookingWindow', () => {
  it.each([
    ['a slot that started a minute ago', NOW - MIN, 'started'],
    ['a slot starting now', NOW, 'started'],
    ['a slot starting in exactly 30 minutes', NOW + 30 * MIN, 'too_soon'],
    ['a slot starting in 31 minutes', NOW + 31 * MIN, 'ok'],
    ['a slot starting in exactly 60 days', NOW + 60 * DAY, 'ok'],
    ['a slot starting a minute after 60 days', NOW + 60 * DAY + MIN, 'too_far'],
  ])('classifies %s', (_what, start, expected) => {
    expect(bookingWindow(at(start), NOW)).toBe(expected);
  });
});

describe('hostKey', () => {
  it('is the same whatever the spacing and character width of the name', () => {
    expect(hostKey('王局长 · 区农业农村局')).toBe(hostKey(' 王局长·区农业农村局 '));
    expect(hostKey('王局长 · 区农业农村局')).toBe(hostKey('王局长　·　区农业农村局')); // full-width spaces
    expect(hostKey('Wang  Director')).toBe(hostKey('wang director'));
  });

  it('differs between different hosts and fits in a key', () => {
    expect(hostKey('王局长')).not.toBe(hostKey('李局长'));
    expect(hostKey('王局长')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('toSlot', () => {
  const slot: SlotRecord = {
    id: 's1', sessionId: 'se1', stationId: 'st-yucun', host: '王局长',
    startsAt: at(NOW + 2 * 60 * MIN), endsAt: at(NOW + 150 * MIN), seats: 3, booked: 2, status: 'open',
  };

  it('shows seats left and is bookable when open, not full and in the window', () => {
    expect(toSlot(slot, NOW)).toMatchObject({ seatsLeft: 1, bookable: true });
  });

  it.each([
    ['full', { booked: 3 }],
    ['cancelled', { status: 'cancelled' as const }],
    ['too soon', { startsAt: at(NOW + 10 * MIN) }],
  ])('is not bookable when %s', (_what, change) => {
    expect(toSlot({ ...slot, ...change }, NOW).bookable).toBe(false);
  });
});
