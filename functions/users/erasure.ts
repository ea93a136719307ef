// What an erased account leaves behind elsewhere: no phone and no name. Records that need a person name them by user
// id and read the name from the profile, which erasure anonymises; these sweeps clear what was copied before that.
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from '../core/dynamo';
import { erasePhonesOfUser as eraseBookingPhones } from '../bookings/bookings.repository';
import { actorLabel, concernKeys } from '../concerns/concern.entity';
import { erasePhonesOfUser as eraseConcernPhones, listMine } from '../concerns/concerns.repository';

/** Timeline entries of the user's own concerns that still carry their name (`群众 · 名字`) keep the role only. */
async function eraseTimelineNames(userId: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await listMine(userId, 50, cursor);
    for (const c of page.items) {
      const out = await ddb.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tl)',
          ExpressionAttributeValues: { ':pk': concernKeys.concern(c.id).pk, ':tl': concernKeys.timelinePrefix },
          ConsistentRead: true,
        }),
      );
      const named = (out.Items ?? []).filter((e) => e.byUserId === userId && actorLabel(String(e.by)) !== e.by);
      await Promise.all(
        named.map((e) =>
          ddb.send(
            new UpdateCommand({
              TableName: TABLE,
              Key: { pk: e.pk, sk: e.sk },
              UpdateExpression: 'SET #by = :label',
              ExpressionAttributeNames: { '#by': 'by' },
              ExpressionAttributeValues: { ':label': actorLabel(String(e.by)) },
            }),
          ),
        ),
      );
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Everything outside the user's own partition; run before the profile is erased, so a failure can be retried. */
export async function eraseTracesOf(userId: string): Promise<void> {
  await Promise.all([eraseBookingPhones(userId), eraseConcernPhones(userId), eraseTimelineNames(userId)]);
}
