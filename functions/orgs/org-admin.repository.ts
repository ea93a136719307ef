// Writes of org and station administration. Each change is one transaction with its audit entry and, for names and
// served villages, the claim items that keep them unique (a failed claim condition names what is in the way).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE, ddb } from '../core/dynamo';
import type { Item } from '../core/item';
import { failedAt, transactWrite, type TransactItems } from '../core/transact';
import { orgItem, orgKeys, orgNameItem, servedByItem, stationItem, toOrg, toStation, type OrgRecord, type StationRecord } from './org.entity';
import { forget } from './orgs.repository';

/** A consistent read, past the cache: administration decides on the latest state. */
async function read(key: { pk: string; sk: string }): Promise<Item | undefined> {
  return (await ddb.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
}

export const readOrg = async (id: string) => {
  const item = await read(orgKeys.org(id));
  return item ? toOrg(item) : undefined;
};
export const readStation = async (id: string) => {
  const item = await read(orgKeys.station(id));
  return item ? toStation(item) : undefined;
};
/** The org holding a name under a parent. */
export const nameHolder = async (parentId: string | null, name: string) => (await read(orgKeys.name(parentId, name)))?.orgId as string | undefined;
/** The station serving a village. */
export const servingStationId = async (villageId: string) => (await read(orgKeys.servedBy(villageId)))?.stationId as string | undefined;

const put = (Item: Item, ConditionExpression?: string, values?: Record<string, unknown>): TransactItems[number] => ({
  Put: { TableName: TABLE, Item, ...(ConditionExpression ? { ConditionExpression } : {}), ...(values ? { ExpressionAttributeValues: values } : {}) },
});
const claimName = (org: OrgRecord) => put(orgNameItem(org), 'attribute_not_exists(pk)');
const releaseName = (org: Pick<OrgRecord, 'parentId' | 'name' | 'id'>): TransactItems[number] => ({
  Delete: { TableName: TABLE, Key: orgKeys.name(org.parentId, org.name), ConditionExpression: 'attribute_not_exists(pk) OR orgId = :id', ExpressionAttributeValues: { ':id': org.id } },
});
/** The org item unchanged since it was read (same parent, type and name; not archived meanwhile). */
const replaceOrg = (before: OrgRecord, after: OrgRecord) =>
  put(orgItem(after), 'gsi1pk = :pk AND gsi1sk = :sk AND attribute_not_exists(archivedAt)', { ':pk': orgItem(before).gsi1pk, ':sk': orgItem(before).gsi1sk });

/** What failed: the name claim, or the org changed meanwhile. */
export type OrgWrite = 'ok' | 'name_taken' | 'changed';

function outcomeOf(outcome: Awaited<ReturnType<typeof transactWrite>>, nameAt: number): OrgWrite {
  if (outcome.committed) return 'ok';
  return failedAt(outcome, nameAt) ? 'name_taken' : 'changed';
}

export async function insertOrg(org: OrgRecord, audit: TransactItems[number]): Promise<OrgWrite> {
  return outcomeOf(await transactWrite([claimName(org), put(orgItem(org), 'attribute_not_exists(pk)'), audit]), 0);
}

/**
 * Renames or moves an org: its new name claimed (and the old one let go), and every org and station of its subtree
 * rewritten with the new paths and township, in one transaction.
 */
export async function replaceSubtree(before: OrgRecord, after: OrgRecord, below: { orgs: OrgRecord[]; stations: StationRecord[] }, audit: TransactItems[number]): Promise<OrgWrite> {
  const renamed = before.name !== after.name || before.parentId !== after.parentId;
  const items: TransactItems = [
    ...(renamed ? [claimName(after), releaseName(before)] : []),
    replaceOrg(before, after),
    ...below.orgs.map((o) => put(orgItem(o), 'attribute_exists(pk)')),
    ...below.stations.map((s) => put(stationItem(s), 'attribute_exists(pk)')),
    audit,
  ];
  const result = outcomeOf(await transactWrite(items), renamed ? 0 : -1);
  if (result === 'ok') [after, ...below.orgs].forEach((o) => forget('org', o.id)), below.stations.forEach((s) => forget('station', s.id));
  return result;
}

/** Archives an org and lets its name go, so a new org may take it. */
export async function archive(before: OrgRecord, after: OrgRecord, audit: TransactItems[number]): Promise<boolean> {
  const outcome = await transactWrite([replaceOrg(before, after), releaseName(before), audit]);
  if (outcome.committed) forget('org', after.id);
  return outcome.committed;
}

/** Creates or updates a station with the served-village claims it gains and loses; `taken` lists villages served elsewhere. */
export async function saveStation(
  before: StationRecord | undefined,
  after: StationRecord,
  audit: TransactItems[number],
): Promise<{ ok: true } | { ok: false; taken: string[] }> {
  const had = new Set(before?.serves ?? []);
  const has = new Set(after.serves ?? []);
  const gained = [...has].filter((v) => !had.has(v));
  const lost = [...had].filter((v) => !has.has(v));
  const items: TransactItems = [
    ...gained.map((v) => put(servedByItem(v, after.id), 'attribute_not_exists(pk)')),
    before ? put(stationItem(after), 'attribute_exists(pk)') : put(stationItem(after), 'attribute_not_exists(pk)'),
    ...lost.map((v): TransactItems[number] => ({
      Delete: { TableName: TABLE, Key: orgKeys.servedBy(v), ConditionExpression: 'stationId = :s', ExpressionAttributeValues: { ':s': after.id } },
    })),
    audit,
  ];
  const outcome = await transactWrite(items);
  if (outcome.committed) {
    forget('station', after.id);
    return { ok: true };
  }
  const taken = gained.filter((_, i) => failedAt(outcome, i));
  if (!taken.length) throw new Error(`station ${after.id} changed while it was saved`);
  return { ok: false, taken };
}
