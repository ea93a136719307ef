// An .xlsx file from a header and rows, as the API returns it (base64 in JSON, for the app to save and open).
import ExcelJS from 'exceljs';
import { XLSX_TYPE, type XlsxFile } from '@shared/schemas/ledger';
import type { Page } from '../core/pagination';

export type Cell = string | number | undefined;
export interface SheetSpec { name: string; header: string[]; rows: Cell[][] }

export async function xlsxFile(fileName: string, sheets: SheetSpec[]): Promise<XlsxFile> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.header).font = { bold: true };
    s.rows.forEach((r) => ws.addRow(r.map((c) => c ?? '')));
    ws.columns.forEach((c, i) => (c.width = Math.min(40, Math.max(10, (s.header[i]?.length ?? 4) * 2 + 4))));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return asXlsxFile(fileName, Buffer.from(await wb.xlsx.writeBuffer()));
}

export function asXlsxFile(fileName: string, buffer: Buffer): XlsxFile {
  return { fileName: `${fileName.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`, contentType: XLSX_TYPE, contentBase64: buffer.toString('base64') };
}

/** Every item of a list, page by page through the screen's own service (its Queries, its permission check). */
export async function allPages<T>(fetch: (q: { limit: number; cursor?: string }) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch({ limit: 50, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
