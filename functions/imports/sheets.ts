// The import file's layout (the template's columns) and reading an .xlsx or CSV file into rows of text cells.
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import readExcelFile from 'read-excel-file/universal';
import { IMPORT_SHEETS, type ImportSheet } from '@shared/rules/ledger';
import type { XlsxFile } from '@shared/schemas/ledger';
import { ValidationError } from '../core/errors';
import { asXlsxFile, xlsxBuffer } from '../core/spreadsheet';

/** Columns of each sheet, in the template's order. Paths name orgs below the import root, separated by 「/」. */
export const COLUMNS = {
  orgs: ['上级组织', '名称', '类型', '类别', '领域'],
  stations: ['所属组织', '名称', '类型', '地址', '承办单位', '开放时间', '服务村社区'],
  members: ['所属支部', '姓名', '手机号', '入党日期', '党员状态'],
} as const satisfies Record<ImportSheet, readonly string[]>;

/** An example row per sheet for the template. */
export const EXAMPLES: Record<ImportSheet, string[]> = {
  orgs: ['城关镇', '东村', '村（社区）', '村', ''],
  stations: ['城关镇', '城关镇群众说事室', '群众说事室', '城关镇人民路 1 号', '县信访局', '周一至周五 9:00-17:00', '城关镇/东村'],
  members: ['城关镇/东村/东村党支部', '张三', '13800000000', '2001-07-01', '正式'],
};

export interface SheetRow {
  /** As the spreadsheet numbers it: the header is row 1. */
  row: number;
  cells: Record<string, string>;
}
export type Sheets = Record<ImportSheet, SheetRow[]>;

/** A cell as text: a date cell (Excel keeps it as a number with a date format) becomes 2001-07-01. */
const text = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
};

/** Which sheet a worksheet is: by its name, or (a CSV has none) by its header. */
function sheetOf(name: string, header: string[]): ImportSheet | undefined {
  const byName = (Object.keys(IMPORT_SHEETS) as ImportSheet[]).find((k) => IMPORT_SHEETS[k] === name.trim());
  return byName ?? (Object.keys(COLUMNS) as ImportSheet[]).find((k) => COLUMNS[k].every((c) => header.includes(c)));
}

function rowsOf(grid: unknown[][]): { header: string[]; rows: SheetRow[] } {
  const header = (grid[0] ?? []).map(text);
  const rows: SheetRow[] = [];
  grid.slice(1).forEach((values, i) => {
    const cells = Object.fromEntries(header.map((h, c) => [h, text(values[c])]).filter(([h]) => h));
    // The grid's first line is the sheet's row 1 (read-excel-file keeps leading empty rows), so data starts at row 2.
    if (Object.values(cells).some((v) => v)) rows.push({ row: i + 2, cells });
  });
  return { header, rows };
}

/**
 * An .xlsx is a zip of XML: a few hundred KB can inflate to gigabytes (a zip bomb) and take the function down with it.
 * The sizes the archive declares are summed before anything is inflated (fflate's filter sees them and inflates
 * nothing when it says no). 50 MB of XML is far beyond a county's ledger of 3.5 MB.
 */
const MAX_INFLATED_BYTES = 50_000_000;
function declaredSize(content: Uint8Array): number {
  let total = 0;
  try {
    unzipSync(content, { filter: (f) => ((total += f.originalSize), false) });
  } catch {
    // Not a zip at all: read-excel-file says what it is instead (an old .xls, say).
  }
  return total;
}

const unreadable = (message = '无法读取文件：请使用模板另存为 .xlsx 或 .csv', detail = '文件损坏或格式不符') =>
  new ValidationError(message, [{ path: 'contentBase64', message: detail }]);

/** Excel on a Chinese Windows saves "CSV" in GB18030 (GBK), not UTF-8: a file that is not valid UTF-8 is read as that. */
function csvText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content); // drops a BOM
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

async function readGrids(fileName: string, content: Buffer): Promise<{ name: string; grid: unknown[][] }[]> {
  if (/\.csv$/i.test(fileName)) {
    try {
      const grid = parseCsv(csvText(content), { relax_column_count: true, relax_quotes: true }) as string[][];
      return [{ name: '', grid }];
    } catch {
      throw unreadable();
    }
  }
  try {
    if (declaredSize(content) > MAX_INFLATED_BYTES) throw unreadable('文件解压后过大：请拆分后分批导入', '解压后超过 50 MB');
    // A copy of exactly the file's bytes: a small Buffer is a view into a shared pool.
    const sheets = await readExcelFile(content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength) as ArrayBuffer);
    return sheets.map((s) => ({ name: s.sheet, grid: s.data as unknown[][] }));
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    if ((err as { code?: string }).code === 'XLS_FILE_NOT_SUPPORTED') {
      throw unreadable('这是旧版 .xls 文件：请在 Excel 或 WPS 中另存为 .xlsx 后再导入', '不支持 .xls');
    }
    throw unreadable();
  }
}

export async function readSheets(fileName: string, content: Buffer): Promise<Sheets> {
  const sheets: Sheets = { orgs: [], stations: [], members: [] };
  for (const { name, grid } of await readGrids(fileName, content)) {
    const { header, rows } = rowsOf(grid);
    const kind = sheetOf(name, header);
    if (!kind) continue;
    const missing = COLUMNS[kind].filter((c) => !header.includes(c));
    if (missing.length) throw new ValidationError(`工作表「${IMPORT_SHEETS[kind]}」缺少列：${missing.join('、')}`, missing.map((c) => ({ path: IMPORT_SHEETS[kind], message: `缺少列「${c}」` })));
    sheets[kind].push(...rows);
  }
  if (!sheets.orgs.length && !sheets.stations.length && !sheets.members.length) {
    throw new ValidationError('文件中没有可导入的行：请使用导入模板（工作表「组织」「驿站」「党员」）', [{ path: 'contentBase64', message: '没有数据行' }]);
  }
  return sheets;
}

/** The template: one sheet per kind, header and one example row. */
export function templateWorkbook(): Promise<Buffer> {
  return xlsxBuffer((Object.keys(COLUMNS) as ImportSheet[]).map((kind) => ({
    name: IMPORT_SHEETS[kind],
    header: COLUMNS[kind],
    rows: [EXAMPLES[kind]],
    widths: COLUMNS[kind].map(() => 18),
  })));
}

export async function templateFile(): Promise<XlsxFile> {
  return asXlsxFile('台账导入模板', await templateWorkbook());
}
