// The one .xlsx writer: sheets of a header and rows, built in memory and sent inline (base64 in JSON) for the app to
// save and open. Nothing is written to disk or object storage.
import type ExcelJS from 'exceljs';
import { XLSX_TYPE, type XlsxFile } from '@shared/schemas/ledger';

/**
 * exceljs's Workbook, without the package's entry: that also loads the streaming reader and writer (unzipper,
 * archiver and their dependencies, ~0.5 MB of bundle) that nothing here uses. The Workbook reads and writes .xlsx
 * through jszip and CSV through fast-csv. (exceljs has no `exports` map: the path is a plain file of the package.)
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const Workbook: typeof ExcelJS.Workbook = require('exceljs/lib/doc/workbook');

/** An empty cell is left out of the sheet (null or undefined). */
export type Cell = string | number | null | undefined;
export interface SheetSpec { name: string; header: string[]; rows: Cell[][] }

export async function xlsxFile(fileName: string, sheets: SheetSpec[]): Promise<XlsxFile> {
  const wb = new Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.header).font = { bold: true };
    s.rows.forEach((r) => ws.addRow(r.map((c) => c ?? null)));
    ws.columns.forEach((c, i) => (c.width = Math.min(40, Math.max(10, (s.header[i]?.length ?? 4) * 2 + 4))));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return asXlsxFile(fileName, Buffer.from(await wb.xlsx.writeBuffer()));
}

/** `fileName` without its extension: characters a file system refuses become 「_」. */
export function asXlsxFile(fileName: string, buffer: Buffer): XlsxFile {
  return { fileName: `${fileName.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`, contentType: XLSX_TYPE, contentBase64: buffer.toString('base64') };
}
