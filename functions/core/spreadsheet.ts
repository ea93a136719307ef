// One-sheet .xlsx files built in memory and sent inline (base64): nothing is written to disk or object storage.
import ExcelJS from 'exceljs';
import type { XlsxFile } from '@shared/schemas/practices';

export type Cell = string | number | null;

export async function xlsxFile(filename: string, sheet: string, header: string[], rows: Cell[][]): Promise<XlsxFile> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet);
  ws.addRow(header).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  ws.columns.forEach((c) => (c.width = 16));
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  return { filename, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: buffer.toString('base64') };
}
