// The import file's layout (the template's columns) and reading an .xlsx or CSV file into rows of text cells.
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { IMPORT_SHEETS, type ImportSheet } from '@shared/schemas/ledger';
import { ValidationError } from '../core/errors';
import { Workbook } from '../core/spreadsheet';

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

const text = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return text(v.result as ExcelJS.CellValue);
  }
  return String(v).trim();
};

/** Which sheet a worksheet is: by its name, or (a CSV has none) by its header. */
function sheetOf(ws: ExcelJS.Worksheet, header: string[]): ImportSheet | undefined {
  const byName = (Object.keys(IMPORT_SHEETS) as ImportSheet[]).find((k) => IMPORT_SHEETS[k] === ws.name.trim());
  return byName ?? (Object.keys(COLUMNS) as ImportSheet[]).find((k) => COLUMNS[k].every((c) => header.includes(c)));
}

function rowsOf(ws: ExcelJS.Worksheet): { header: string[]; rows: SheetRow[] } {
  const header = ((ws.getRow(1).values as ExcelJS.CellValue[]) ?? []).map(text);
  const rows: SheetRow[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const values = r.values as ExcelJS.CellValue[];
    const cells = Object.fromEntries(header.map((h, i) => [h, text(values[i])]).filter(([h]) => h));
    if (Object.values(cells).some((v) => v)) rows.push({ row: n, cells });
  });
  return { header, rows };
}

export async function readSheets(fileName: string, content: Buffer): Promise<Sheets> {
  const wb = new Workbook();
  try {
    if (/\.csv$/i.test(fileName)) await wb.csv.read(Readable.from([content.toString('utf8').replace(/^\uFEFF/, '')]));
    else await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError('无法读取文件：请使用模板另存为 .xlsx 或 UTF-8 编码的 .csv', [{ path: 'contentBase64', message: '文件损坏或格式不符' }]);
  }
  const sheets: Sheets = { orgs: [], stations: [], members: [] };
  wb.eachSheet((ws) => {
    const { header, rows } = rowsOf(ws);
    const kind = sheetOf(ws, header);
    if (!kind) return;
    const missing = COLUMNS[kind].filter((c) => !header.includes(c));
    if (missing.length) throw new ValidationError(`工作表「${IMPORT_SHEETS[kind]}」缺少列：${missing.join('、')}`, missing.map((c) => ({ path: IMPORT_SHEETS[kind], message: `缺少列「${c}」` })));
    sheets[kind].push(...rows);
  });
  if (!sheets.orgs.length && !sheets.stations.length && !sheets.members.length) {
    throw new ValidationError('文件中没有可导入的行：请使用导入模板（工作表「组织」「驿站」「党员」）', [{ path: 'contentBase64', message: '没有数据行' }]);
  }
  return sheets;
}

/** The template: one sheet per kind, header and one example row. */
export async function templateWorkbook(): Promise<Buffer> {
  const wb = new Workbook();
  for (const kind of Object.keys(COLUMNS) as ImportSheet[]) {
    const ws = wb.addWorksheet(IMPORT_SHEETS[kind]);
    ws.addRow([...COLUMNS[kind]]).font = { bold: true };
    ws.addRow(EXAMPLES[kind]);
    ws.columns.forEach((c) => (c.width = 18));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
