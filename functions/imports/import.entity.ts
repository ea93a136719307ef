// Import jobs: the job record (progress), its planned rows stored in chunks, and the claim that makes a member's
// phone unique within a branch (the natural key that lets the same file be imported twice with no change).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ImportCounts, ImportJob, RowError } from '@shared/schemas/ledger';
import { recordOf, type Item } from '../core/item';

/** One planned row: everything resolved (ids of parents, encrypted phone), so applying it needs no planning again. */
export type PlannedRow =
  | { kind: 'org'; sheet: string; row: number; id: string; parentId: string; name: string; type: 'city' | 'county' | 'township' | 'village' | 'branch' | 'committee' | 'general_branch'; orgKind?: string; sector?: string }
  | { kind: 'station'; sheet: string; row: number; id: string; orgId: string; fields: Record<string, unknown> }
  | { kind: 'member'; sheet: string; row: number; userId: string; branchId: string; displayName: string; phoneHash: string; phoneEnc: string; phoneMasked: string; joinedPartyOn?: string; partyStatus?: 'full' | 'probationary' };

export interface ImportJobRecord extends ImportJob {
  /** The import root's path: who may read and run the job (staff over it). */
  orgPath: string[];
}

export const importKeys = {
  job: (jobId: string) => ({ pk: `IMPORT#${jobId}`, sk: 'JOB' }),
  chunk: (jobId: string, index: number) => ({ pk: `IMPORT#${jobId}`, sk: `CHUNK#${String(index).padStart(5, '0')}` }),
  /** A member's phone (keyed hash) within a branch: one member per phone and branch. */
  memberPhone: (branchId: string, phoneHash: string) => ({ pk: `ORG#${branchId}#PHONE#${phoneHash}`, sk: 'MEMBER' }),
};

/** Jobs and chunks are working data: DynamoDB's TTL removes them a month after the import. */
const KEEP_SECONDS = 30 * 24 * 3600;
const ttl = () => Math.floor(Date.now() / 1000) + KEEP_SECONDS;

export const jobItem = (j: ImportJobRecord): Item => ({ ...importKeys.job(j.id), entity: 'import-job', ttl: ttl(), ...j });
export const toJob = (item: Item): ImportJobRecord => recordOf<ImportJobRecord>(item);
/** Rows as gzipped JSON (binary): a chunk of a few hundred rows is ~10 KB, far under the 400 KB item limit. */
export const chunkItem = (jobId: string, index: number, rows: PlannedRow[]): Item => ({ ...importKeys.chunk(jobId, index), entity: 'import-chunk', ttl: ttl(), rows: gzipSync(JSON.stringify(rows)) });
export const toChunkRows = (item: Item): PlannedRow[] => JSON.parse(gunzipSync(item.rows as Uint8Array).toString('utf8')) as PlannedRow[];
export const memberPhoneItem = (branchId: string, phoneHash: string, userId: string): Item => ({ ...importKeys.memberPhone(branchId, phoneHash), entity: 'member-phone', userId });

export const noCounts = (): ImportCounts => ({ orgs: 0, stations: 0, members: 0 });
export type { RowError };
