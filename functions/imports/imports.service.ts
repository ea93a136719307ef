// Import (台账导入) by staff over the import root (a county's or township's admins, admins): a dry run lists every
// row error and writes nothing; an import of a file without errors becomes a job whose planned rows are stored in
// chunks, and each run applies the next chunk and records it. A run that fails leaves the count where it was, so
// the next run applies the same chunk again: its rows already written are recognised (see apply.ts).
import { ROLE_SETS } from '@shared/roles';
import type { ImportCheck, ImportFileBody, ImportJob, RowError } from '@shared/schemas/ledger';
import { auditPut } from '../audit/audit';
import { NotFoundError, ValidationError } from '../core/errors';
import { newId } from '../core/ids';
import { requireRole, type Principal } from '../core/policy';
import { requireActive, requireOrg } from '../orgs/org-admin.service';
import { applyRow, type OrgCache } from './apply';
import type { ImportJobRecord, PlannedRow } from './import.entity';
import { readChunk, readJob, recordProgress, saveJob } from './imports.repository';
import { planImport, type Plan } from './plan';

/**
 * The file readers and the .xlsx writer (~200 KiB of bundle) load on the first request that reads or writes a file:
 * a run and a progress poll, most of this function's calls, never compile them.
 */
export const sheets = () => import('./sheets');

/** Rows per chunk: one run writes them well within a Lambda's time (each row is one transaction). */
export const CHUNK_ROWS = 200;
/** Rows of one chunk written at once. */
const PARALLEL = 8;

async function planFile(p: Principal, body: ImportFileBody): Promise<{ plan: Plan; root: { id: string; path: string[] } }> {
  const root = await requireOrg(body.orgId);
  requireRole(p, ROLE_SETS.staff, root.path);
  requireActive(root);
  const { readSheets } = await sheets();
  return { plan: await planImport(root, await readSheets(body.fileName, Buffer.from(body.contentBase64, 'base64'))), root };
}

export async function checkImport(p: Principal, body: ImportFileBody): Promise<ImportCheck> {
  return (await planFile(p, body)).plan.check;
}

const view = ({ orgPath: _p, ...job }: ImportJobRecord): ImportJob => job;
const errorDetail = (e: RowError) => ({ path: `${e.sheet}!第${e.row}行!${e.column}`, message: e.message });

/** A phase cut into chunks; chunks never mix phases, so the rows of a chunk are independent. */
const chunked = (phases: PlannedRow[][]) => phases.flatMap((rows) => Array.from({ length: Math.ceil(rows.length / CHUNK_ROWS) }, (_, i) => rows.slice(i * CHUNK_ROWS, (i + 1) * CHUNK_ROWS)));

export async function createImport(p: Principal, body: ImportFileBody): Promise<ImportJob> {
  const { plan, root } = await planFile(p, body);
  const { errors, toCreate } = plan.check;
  if (errors.length) throw new ValidationError(`文件有 ${errors.length} 处错误，未导入任何数据：请修正后重新导入`, errors.slice(0, 200).map(errorDetail));
  const chunks = chunked(plan.phases);
  const now = new Date().toISOString();
  const job: ImportJobRecord = {
    id: newId(), orgId: root.id, orgPath: root.path, fileName: body.fileName, status: chunks.length ? 'running' : 'done',
    chunksDone: 0, chunks: chunks.length, rowsDone: 0, rows: toCreate.orgs + toCreate.stations + toCreate.members,
    created: { orgs: 0, stations: 0, members: 0 }, errors: [], createdBy: p.userId, createdAt: now, updatedAt: now,
  };
  await saveJob(job, chunks, auditPut(p, { action: 'import.apply', org: root, target: { kind: 'import', id: job.id }, after: { fileName: body.fileName, toCreate, existing: plan.check.existing } }));
  return view(job);
}

async function requireJob(p: Principal, jobId: string): Promise<ImportJobRecord> {
  const job = await readJob(jobId);
  if (!job) throw new NotFoundError('导入任务不存在');
  requireRole(p, ROLE_SETS.staff, job.orgPath);
  return job;
}

export const getImport = async (p: Principal, jobId: string): Promise<ImportJob> => view(await requireJob(p, jobId));

/** Applies the next chunk. */
export async function runImport(p: Principal, jobId: string): Promise<ImportJob> {
  const job = await requireJob(p, jobId);
  if (job.status === 'done') return view(job);
  const rows = await readChunk(job.id, job.chunksDone);
  const cache: OrgCache = new Map();
  const created = { ...job.created };
  const errors: RowError[] = [...job.errors];
  for (let i = 0; i < rows.length; i += PARALLEL) {
    const slice = rows.slice(i, i + PARALLEL);
    const outcomes = await Promise.all(slice.map((r) => applyRow(p, r, cache)));
    outcomes.forEach((o, j) => {
      const row = slice[j]!;
      if (o.applied) created[`${row.kind}s`]++;
      else errors.push({ sheet: row.sheet, row: row.row, column: o.column, message: o.message });
    });
  }
  const chunksDone = job.chunksDone + 1;
  const next: ImportJobRecord = { ...job, chunksDone, rowsDone: job.rowsDone + rows.length, created, errors, status: chunksDone >= job.chunks ? 'done' : 'running', updatedAt: new Date().toISOString() };
  if (!(await recordProgress(job, next))) return view((await readJob(jobId))!);
  return view(next);
}
