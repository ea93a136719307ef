// What an erased account leaves behind elsewhere: no phone and no name. Records that need a person name them by user
// id and read the name from the profile, which erasure anonymises; these sweeps clear what was copied before that.
// The records stay (a station's history, a concern's tracking number), without the personal fields.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { bookingKeys } from '../bookings/booking.entity';
import { listBookingsOfUser } from '../bookings/bookings.repository';
import { concernKeys } from '../concerns/concern.entity';
import { eraseNameInTimeline, listMine } from '../concerns/concerns.repository';
import { erasePhotosOf } from '../concerns/photos';
import { TABLE, ddb } from '../core/dynamo';
import type { Page } from '../core/pagination';

/** Removes `fields` from every record of a user's list that has one of them, a page at a time. */
async function sweep<T extends object>(
  list: (cursor?: string) => Promise<Page<T>>,
  keyOf: (record: T) => { pk: string; sk: string },
  fields: (keyof T & string)[],
): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    await Promise.all(
      page.items
        .filter((r) => fields.some((f) => r[f] !== undefined))
        .map((r) => ddb.send(new UpdateCommand({ TableName: TABLE, Key: keyOf(r), UpdateExpression: `REMOVE ${fields.join(', ')}` }))),
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export const eraseBookingPhones = (userId: string): Promise<void> =>
  sweep((cursor) => listBookingsOfUser(userId, 100, cursor), (b) => bookingKeys.booking(b.id), ['phoneEnc', 'phoneMasked']);

export const eraseConcernPhones = (userId: string): Promise<void> =>
  sweep((cursor) => listMine(userId, 100, cursor), (c) => concernKeys.concern(c.id), ['contactPhoneEnc', 'contactPhoneMasked']);

/**
 * Each of the user's own concerns: timeline entries written before names were read from the profile, and every photo
 * (theirs and the officials' of the result, which show the resident's place as much).
 */
async function eraseConcernTimelines(userId: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await listMine(userId, 50, cursor);
    for (const c of page.items) await Promise.all([eraseNameInTimeline(c.id, userId), erasePhotosOf(c.id)]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Everything outside the user's own partition; run before the profile is erased, so a failure can be retried. */
export async function eraseTracesOf(userId: string): Promise<void> {
  await Promise.all([eraseBookingPhones(userId), eraseConcernPhones(userId), eraseConcernTimelines(userId)]);
}
