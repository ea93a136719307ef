// The caller's account checked inside a write instead of read before it (routes marked callerInTransaction).
// A file of its own: only the functions whose transactions carry it need dynamodb:ConditionCheckItem.
import { TABLE } from '../core/dynamo';
import { userKeys } from './user.entity';

/**
 * A transaction item that holds only while the caller's account exists and is not erased: what `loadPrincipal`
 * would have refused, checked inside the write of a `callerInTransaction` route instead of a Query before it.
 */
export function callerCheck(userId: string) {
  return {
    ConditionCheck: {
      TableName: TABLE,
      Key: userKeys.profile(userId),
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletedAt)',
    },
  };
}
