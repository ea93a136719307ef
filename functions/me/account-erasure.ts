// Account deletion reaches beyond the user's own partition: contact phones they left on bookings and concerns are
// personal fields too. The records stay (a station's history, a concern's tracking number), without the phone.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { bookingKeys } from '../bookings/booking.entity';
import { listBookingsOfUser } from '../bookings/bookings.repository';
import { concernKeys } from '../concerns/concern.entity';
import { listMine } from '../concerns/concerns.repository';
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
