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
// The read in flight is shared: when a slot opens, its first residents all tap at once, and would each read it.
const known = new Map<string, { basis: Promise<SlotBasis>; until: number }>();

/** The slot's basis; a slot read now that takes no booking is refused here (404, cancelled, outside the window). */
export function slotBasis(slotId: string, now: number): Promise<SlotBasis> {
  const hit = known.get(slotId);
  if (hit && hit.until > now) return hit.basis;
  const basis = readBasis(slotId, now);
  if (known.size >= MAX_SLOTS) known.delete(known.keys().next().value!);
  known.set(slotId, { basis, until: now + TTL_MS });
  // A refusal or a failed read is not kept: the next request reads again.
  basis.catch(() => {
    if (known.get(slotId)?.basis === basis) known.delete(slotId);
  });
  return basis;
}

async function readBasis(slotId: string, now: number): Promise<SlotBasis> {
  const slot = await getSlot(slotId);
  const closed = slotRefusal(slot, now);
  if (closed) throw closed;
  const station = await getStation(slot!.stationId);
  if (!station) throw new NotFoundError('驻点工作室不存在');
  return { slot: slot!, stationName: station.name };
}
