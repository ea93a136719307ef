// Reads and writes of the assessments: aggregate rows and totals, guidance, case-library entries.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { IdeaCategory } from '@shared/schemas/themeday';
import { TABLE, ddb } from '../core/dynamo';
import type { Item } from '../core/item';
import { queryPage, type Page } from '../core/pagination';
import { failedAt, transactWrite } from '../core/transact';
import type { OrgRecord } from '../orgs/org.entity';
import { themeDayKeys, type ThemeDayRecord } from '../themedays/themeday.entity';
import { aggKeys, toFigures, type Figures } from './aggregate.entity';
import { aggregateUpdates } from './aggregates';
import { caseItem, caseKeys, toCaseRecord, type CaseRecord } from './case.entity';
import { guidanceItem, guidanceKeys, toGuidanceRecord, type GuidanceRecord } from './guidance.entity';

/** Every item of a partition (or a sort-key prefix of it): a township's rows, a day's guidance; tens to hundreds. */
async function queryAll(pk: string, skPrefix?: string): Promise<Item[]> {
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const res = await ddb.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':p': skPrefix } : {}) },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The totals an org keeps of its children (a city's counties, a county's townships), by child id. */
export async function childTotals(period: string, orgId: string): Promise<Map<string, Figures>> {
  return new Map((await queryAll(aggKeys.childTotals(period, orgId))).map((t) => [t.sk as string, toFigures(t)]));
}

/** The rows of a township's branches (optionally only those under `prefix`, see belowTownship), by branch id. */
export async function branchRows(period: string, townshipId: string, prefix = ''): Promise<Map<string, Figures>> {
  const rows = await queryAll(aggKeys.branchRows(period, townshipId), prefix || undefined);
  return new Map(rows.map((r) => [r.branchId as string, toFigures(r)]));
}

/** Stores guidance with the count the township's assessment shows, in one transaction. */
export async function putGuidance(day: Pick<ThemeDayRecord, 'startsAt'>, branch: OrgRecord, r: GuidanceRecord): Promise<void> {
  await transactWrite([{ Put: { TableName: TABLE, Item: guidanceItem(r) } }, ...aggregateUpdates(branch, day.startsAt, { guidanceCount: 1 })]);
}

export async function dayGuidance(dayId: string): Promise<GuidanceRecord[]> {
  return (await queryAll(themeDayKeys.partition(dayId), guidanceKeys.prefix)).map(toGuidanceRecord);
}

/** Adds the day to the case library and marks it; false if it is there already. */
export async function putCase(r: CaseRecord): Promise<boolean> {
  const outcome = await transactWrite([
    { Put: { TableName: TABLE, Item: caseItem(r), ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        TableName: TABLE,
        Key: themeDayKeys.day(r.themeDayId),
        UpdateExpression: 'SET exemplary = :t, category = :c',
        ExpressionAttributeValues: { ':t': true, ':c': r.category },
      },
    },
  ]);
  return !failedAt(outcome, 0);
}

export function listCaseRecords(q: { category?: IdeaCategory; limit: number; cursor?: string }): Promise<Page<CaseRecord>> {
  const pk = q.category ? caseKeys.byCategory(q.category) : caseKeys.all;
  return queryPage({ index: q.category ? 'gsi3' : 'gsi2', pk, forward: false, limit: q.limit, cursor: q.cursor }, toCaseRecord);
}
