import * as z from 'zod/mini';
import { route } from './define';
import { Id } from '../schemas/common';
import { ImportCheck, ImportFileBody, ImportJob, MAX_IMPORT_FILE_BYTES, XlsxFile } from '../schemas/ledger';

/** The file comes base64 in the JSON body: 4/3 of its size, plus the other fields. */
const IMPORT_BODY_BYTES = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4 + 4096;

export const importRoutes = {
  /** The import template: one sheet each for 组织, 驿站 and 党员, with a header row and an example. */
  importTemplate: route({
    method: 'GET', path: '/v1/imports/template', group: 'imports', auth: 'user',
  }, () => ({
    response: XlsxFile(),
  })),
  /** Dry run: every row error of the file, in Chinese, with sheet, row and column. Writes nothing. */
  checkImport: route({
    method: 'POST', path: '/v1/imports/check', group: 'imports', auth: 'user', maxBodyBytes: IMPORT_BODY_BYTES,
  }, () => ({
    body: ImportFileBody(), response: ImportCheck(),
  })),
  /** Starts an import of a file without errors (400 listing them otherwise): a job with the rows stored in chunks. */
  createImport: route({
    method: 'POST', path: '/v1/imports', group: 'imports', auth: 'user', status: 201, idempotent: true, maxBodyBytes: IMPORT_BODY_BYTES,
  }, () => ({
    body: ImportFileBody(), response: ImportJob(),
  })),
  getImport: route({
    method: 'GET', path: '/v1/imports/{jobId}', group: 'imports', auth: 'user',
  }, () => ({
    params: z.strictObject({ jobId: Id() }), response: ImportJob(),
  })),
  /** Applies the next chunk and records progress; after a failure the next call resumes where it stopped. */
  runImport: route({
    method: 'POST', path: '/v1/imports/{jobId}/run', group: 'imports', auth: 'user',
  }, () => ({
    params: z.strictObject({ jobId: Id() }), response: ImportJob(),
  })),
} as const;
