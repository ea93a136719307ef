// The one .xlsx writer: sheets of a header and rows, built in memory and sent inline (base64 in JSON) for the app to
// save and open. Nothing is written to disk or object storage.
// write-excel-file rather than exceljs: ~60 KiB of bundle instead of ~530, which is most of the imports and exports
// functions' cold start. In the bundles it zips through node:zlib (core/spreadsheet-zip.ts), not fflate.
import writeExcelFile from 'write-excel-file/node';
import { XLSX_TYPE } from '@shared/rules/ledger';
import type { XlsxFile } from '@shared/schemas/ledger';

/** An empty cell is left out of the sheet (null or undefined). */
export type Cell = string | number | null | undefined;
export interface SheetSpec {
  name: string;
  header: readonly string[];
  rows: Cell[][];
  /** Column widths in characters; by default from the header's length. */
  widths?: number[];
}

/** Chinese headers are about two characters wide each; 10–40 keeps a column readable without running off-screen. */
const widthOf = (header: string) => Math.min(40, Math.max(10, header.length * 2 + 4));

/** The workbook's bytes: a bold, frozen header row over the rows of each sheet. */
export async function xlsxBuffer(sheets: SheetSpec[]): Promise<Buffer> {
  return writeExcelFile(
    sheets.map((s) => ({
      sheet: s.name,
      data: [
        s.header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
        ...s.rows.map((r) => r.map((c) => (c === null || c === undefined ? null : { value: c }))),
      ],
      columns: s.header.map((h, i) => ({ width: s.widths?.[i] ?? widthOf(h) })),
      stickyRowsCount: 1,
    })),
  ).toBuffer();
}

export async function xlsxFile(fileName: string, sheets: SheetSpec[]): Promise<XlsxFile> {
  return asXlsxFile(fileName, await xlsxBuffer(sheets));
}

/** `fileName` without its extension: characters a file system refuses become 「_」. */
export function asXlsxFile(fileName: string, buffer: Buffer): XlsxFile {
  return { fileName: `${fileName.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`, contentType: XLSX_TYPE, contentBase64: buffer.toString('base64') };
}
