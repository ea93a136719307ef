// 台账: importing a county's organisations, stations and members from a file, and exporting the screens' lists as .xlsx.
import * as z from 'zod/mini';
import { MAX_IMPORT_FILE_BYTES, XLSX_TYPE } from '../rules/ledger';
import { DateTimeString, Id } from './common';
import { lazy, type Infer } from './lazy';

export { IMPORT_SHEETS, MAX_IMPORT_FILE_BYTES, XLSX_TYPE, type ImportSheet } from '../rules/ledger';

export const ImportFileBody = lazy(() => z.strictObject({
  /** The org everything in the file goes under: parent paths in the file start below it. */
  orgId: Id(),
  fileName: z.string().check(
    z.trim(),
    z.minLength(1, '请提供文件名'),
    z.maxLength(120, '文件名最多 120 个字'),
    z.regex(/\.(xlsx|csv)$/i, '只支持 .xlsx 或 .csv 文件'),
  ),
  contentBase64: z.string().check(
    z.minLength(1, '文件为空'),
    z.maxLength(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4, '文件过大：请拆分后分批导入（每个文件不超过 3.5 MB）'),
  ),
}));
export type ImportFileBody = Infer<typeof ImportFileBody>;

/** One thing wrong with one cell (or row) of the file. */
export const RowError = lazy(() => z.object({
  sheet: z.string(),
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: z.number().check(z.int()),
  column: z.string(),
  message: z.string(),
}));
export type RowError = Infer<typeof RowError>;

export const ImportCounts = lazy(() => z.object({ orgs: z.number().check(z.int()), stations: z.number().check(z.int()), members: z.number().check(z.int()) }));
export type ImportCounts = Infer<typeof ImportCounts>;

/** What a dry run found: the rows to create, those already there (skipped), and every row error. Nothing is written. */
export const ImportCheck = lazy(() => z.object({
  toCreate: ImportCounts(),
  existing: ImportCounts(),
  errors: z.array(RowError()),
}));
export type ImportCheck = Infer<typeof ImportCheck>;

export const IMPORT_STATUSES = ['running', 'done'] as const;
export const ImportJob = lazy(() => z.object({
  id: Id(),
  orgId: Id(),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  /** Chunks applied so far, of `chunks`; each run applies the next one. */
  chunksDone: z.number().check(z.int()),
  chunks: z.number().check(z.int()),
  rowsDone: z.number().check(z.int()),
  rows: z.number().check(z.int()),
  created: ImportCounts(),
  /** Rows that turned out to conflict while applying (e.g. a name taken meanwhile); the rest went in. */
  errors: z.array(RowError()),
  createdBy: Id(),
  createdAt: DateTimeString(),
  updatedAt: DateTimeString(),
}));
export type ImportJob = Infer<typeof ImportJob>;

/** Every generated .xlsx (台账 exports, registers, the import template), sent inline: the app saves it
 *  (wx.getFileSystemManager, then the document viewer) or the browser downloads it. */
export const XlsxFile = lazy(() => z.object({
  fileName: z.string(),
  contentType: z.literal(XLSX_TYPE),
  contentBase64: z.string(),
}));
export type XlsxFile = Infer<typeof XlsxFile>;
