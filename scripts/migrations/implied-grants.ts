// One-off migration for data written before IMPLIED_ROLES: every grant that implies another (a secretary's) gets the
// implied one (the member grant of the same branch), an existing one kept with its date. Safe to run again: a second
// run writes nothing new. A Scan, so it lives with the scripts, never on a request path: `npm run job -- implied-grants`.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { IMPLIED_ROLES } from '../../shared/roles';
import type { Grant } from '../../shared/schemas/people';
import { TABLE, ddb } from '../../functions/core/dynamo';
import { transactWrite } from '../../functions/core/transact';
import { userKeys } from '../../functions/users/user.entity';
import { getGrant, impliedGrantWrites } from '../../functions/users/users.repository';

export interface ImpliedGrantsReport {
  /** Grants that imply another. */
  implying: number;
  /** Implied grants that were missing and are now written. */
  added: number;
}

export async function migrateImpliedGrants(): Promise<ImpliedGrantsReport> {
  const roles = Object.keys(IMPLIED_ROLES);
  const report: ImpliedGrantsReport = { implying: 0, added: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new ScanCommand({
        TableName: TABLE,
        FilterExpression: 'entity = :grant AND #role IN (' + roles.map((_, i) => `:r${i}`).join(', ') + ')',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':grant': 'grant', ...Object.fromEntries(roles.map((r, i) => [`:r${i}`, r])) },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const userId = String(item.userId);
      const g: Grant = { role: item.role as Grant['role'], orgId: String(item.orgId) };
      report.implying++;
      const implied = { role: IMPLIED_ROLES[g.role as keyof typeof IMPLIED_ROLES], orgId: g.orgId };
      if (await getGrant(userId, implied)) continue;
      // Only while the implying grant is still held: a secretary who left meanwhile gets no member grant back.
      const outcome = await transactWrite([
        { ConditionCheck: { TableName: TABLE, Key: userKeys.grant(userId, g), ConditionExpression: 'attribute_exists(pk)' } },
        ...impliedGrantWrites(userId, g, String(item.createdAt)),
      ]);
      if (outcome.committed) report.added++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return report;
}

export const handler = (): Promise<ImpliedGrantsReport> => migrateImpliedGrants();
