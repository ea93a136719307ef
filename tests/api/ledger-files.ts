// Import files and exported workbooks for the 台账 tests: an .xlsx built from rows per sheet, a CSV, and an
// exported file read back into rows of text.
import ExcelJS from 'exceljs';

export const HEADERS = {
  组织: ['上级组织', '名称', '类型', '类别', '领域'],
  驿站: ['所属组织', '名称', '类型', '地址', '承办单位', '开放时间', '服务村社区'],
  党员: ['所属支部', '姓名', '手机号', '入党日期', '党员状态'],
} as const;
export type SheetName = keyof typeof HEADERS;

export async function xlsxBase64(sheets: Partial<Record<SheetName, string[][]>>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets) as [SheetName, string[][]][]) {
    const ws = wb.addWorksheet(name);
    ws.addRow([...HEADERS[name]]);
    rows.forEach((r) => ws.addRow(r));
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export const csvBase64 = (sheet: SheetName, rows: string[][]) => Buffer.from([HEADERS[sheet], ...rows].map((r) => r.join(',')).join('\n')).toString('base64');

/** Every sheet of an exported file as rows of text (header first). */
export async function readXlsx(contentBase64: string): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(contentBase64, 'base64') as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    // Empty cells are left out of a sheet: read them (holes, and missing trailing cells) as ''.
    const width = ws.getRow(1).cellCount;
    const rows: string[][] = [];
    ws.eachRow((r) => {
      const values = r.values as unknown[];
      rows.push(Array.from({ length: Math.max(width, values.length - 1) }, (_, i) => values[i + 1]).map((v) => (v === null || v === undefined ? '' : String(v))));
    });
    out[ws.name] = rows;
  });
  return out;
}
