// What a booking copies from its slot (times, host, session, station: fixed once the slot exists) and its station's
// name, kept per container for a minute: a popular slot is booked by many residents at once, and each booking then
// goes straight to its transaction, whose conditions check the slot's live state (status, seats, window).
import { NotFoundError } from '../core/errors';
import { getStation } from '../orgs/orgs.repository';
import type { SlotRecord } from './booking.entity';
import { slotRefusal } from './booking.rules';
import { getSlot } from './bookings.repository';

export interface SlotBasis {
  /** As first read: only its fixed fields are used (status and seats are the transaction's to check). */
  slot: SlotRecord;
  stationName: string;
}

const TTL_MS = 60_000;
const MAX_SLOTS = 500;
const known = new Map<string, SlotBasis & { until: number }>();

/** The slot's basis; a slot read now that takes no booking is refused here (404, cancelled, outside the window). */
export async function slotBasis(slotId: string, now: number): Promise<SlotBasis> {
  const hit = known.get(slotId);
  if (hit && hit.until > now) return hit;
  const slot = await getSlot(slotId);
  const closed = slotRefusal(slot, now);
  if (closed) throw closed;
  const station = await getStation(slot!.stationId);
  if (!station) throw new NotFoundError('驻点工作室不存在');
  if (known.size >= MAX_SLOTS) known.delete(known.keys().next().value!);
  const basis = { slot: slot!, stationName: station.name, until: now + TTL_MS };
  known.set(slotId, basis);
  return basis;
}
