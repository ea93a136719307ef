// Reading import files and writing exports. The files read here are made by another implementation (exceljs, as Excel
// and WPS make them: shared strings, styles, dates as numbers), and the files written are read back by it, so the two
// libraries the functions ship (read-excel-file, write-excel-file) are checked against a third.
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { ValidationError } from '../../functions/core/errors';
import { xlsxBuffer } from '../../functions/core/spreadsheet';
import { COLUMNS, EXAMPLES, readSheets, templateWorkbook } from '../../functions/imports/sheets';

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** `text` encoded in GBK, without an encoder package: the inverse of the platform's GB18030 decoder over GBK's two-byte range. */
function gbk(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const codes = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) codes.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
  }
  return Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : codes.get(c)!)));
}

async function refusal(fileName: string, content: Buffer): Promise<ValidationError> {
  const err = await readSheets(fileName, content).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  return err as ValidationError;
}

describe('reading an import file', () => {
  it('reads cells as Excel shows them: dates, numbers, rich text and formula results', async () => {
    // Prepare
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('党员');
      ws.addRow([...COLUMNS.members]);
      ws.addRow(['城关镇/东村/东村党支部', '张三', 13800000000, new Date(Date.UTC(2001, 6, 1)), '正式']);
      ws.getCell('D2').numFmt = 'yyyy-mm-dd';
      ws.addRow([]);
      ws.addRow([
        { richText: [{ text: '城关镇/' }, { font: { bold: true }, text: '东村/东村党支部' }] },
        '  李四  ',
        '13900000000',
        '2010-03-01',
        { formula: 'IF(1=1,"预备","正式")', result: '预备' },
      ]);
    });

    // Act
    const sheets = await readSheets('台账.xlsx', file);

    // Assess
    expect(sheets.members).toEqual([
      { row: 2, cells: { 所属支部: '城关镇/东村/东村党支部', 姓名: '张三', 手机号: '13800000000', 入党日期: '2001-07-01', 党员状态: '正式' } },
      // The empty row 3 is skipped; the row keeps its number as the spreadsheet shows it.
      { row: 4, cells: { 所属支部: '城关镇/东村/东村党支部', 姓名: '李四', 手机号: '13900000000', 入党日期: '2010-03-01', 党员状态: '预备' } },
    ]);
    expect(sheets.orgs).toEqual([]);
  });

  it('knows a sheet by its header when it is not named as in the template, and ignores unrelated sheets', async () => {
    const file = await workbook((wb) => {
      wb.addWorksheet('说明').addRow(['请按模板填写']);
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow([...COLUMNS.orgs]);
      ws.addRow(['城关镇', '西村', '村（社区）', '村', '']);
    });

    const sheets = await readSheets('orgs.xlsx', file);

    expect(sheets.orgs).toEqual([{ row: 2, cells: { 上级组织: '城关镇', 名称: '西村', 类型: '村（社区）', 类别: '村', 领域: '' } }]);
  });

  it('reads a UTF-8 CSV saved by Excel: BOM, CRLF, quoted commas; row numbers are the lines', async () => {
    const csv = `\uFEFF${COLUMNS.stations.join(',')}\r\n\r\n城关镇,"城关镇群众说事室",群众说事室,"人民路 1 号,二楼",县信访局,"周一至周五 9:00-17:00",城关镇/东村\r\n`;

    const sheets = await readSheets('stations.csv', Buffer.from(csv));

    expect(sheets.stations).toEqual([{
      row: 3,
      cells: { 所属组织: '城关镇', 名称: '城关镇群众说事室', 类型: '群众说事室', 地址: '人民路 1 号,二楼', 承办单位: '县信访局', 开放时间: '周一至周五 9:00-17:00', 服务村社区: '城关镇/东村' },
    }]);
  });

  it('reads a CSV that Excel saved in GBK (the default of a Chinese Windows), not only UTF-8', async () => {
    const csv = `${COLUMNS.members.join(',')}\r\n城关镇/东村/东村党支部,王五,13700000000,1999-10-01,正式\r\n`;

    const sheets = await readSheets('党员.csv', gbk(csv));

    expect(sheets.members).toEqual([{ row: 2, cells: { 所属支部: '城关镇/东村/东村党支部', 姓名: '王五', 手机号: '13700000000', 入党日期: '1999-10-01', 党员状态: '正式' } }]);
  });

  it('names the missing columns of a known sheet', async () => {
    const file = await workbook((wb) => wb.addWorksheet('党员').addRow(['所属支部', '姓名']));

    const err = await refusal('台账.xlsx', file);

    expect(err.message).toBe('工作表「党员」缺少列：手机号、入党日期、党员状态');
  });

  it('refuses an old .xls, a damaged file and a file without rows, each in words a secretary can act on', async () => {
    const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
    expect((await refusal('台账.xlsx', ole2)).message).toContain('旧版 .xls');
    expect((await refusal('台账.xlsx', Buffer.from('not a spreadsheet'))).message).toContain('无法读取文件');
    const truncated = (await templateWorkbook()).subarray(0, 500);
    expect((await refusal('台账.xlsx', truncated)).message).toContain('无法读取文件');
    const onlyHeaders = await workbook((wb) => wb.addWorksheet('组织').addRow([...COLUMNS.orgs]));
    expect((await refusal('台账.xlsx', onlyHeaders)).message).toContain('没有可导入的行');
  });

  it('refuses a zip bomb before inflating it', async () => {
    // 60 MB of one repeated byte deflates to a few dozen KB.
    const bomb = Buffer.from(zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(60_000_000).fill(0x20) }, { level: 1 }));
    expect(bomb.length).toBeLessThan(1_000_000);

    const err = await refusal('台账.xlsx', bomb);

    expect(err.message).toContain('解压后过大');
  });
});

describe('writing a workbook', () => {
  it('the template has the three sheets with a bold, frozen header and the example row, and imports as it is', async () => {
    const buffer = await templateWorkbook();

    const wb = await load(buffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['组织', '驿站', '党员']);
    const members = wb.getWorksheet('党员')!;
    expect(members.getRow(1).values).toEqual([undefined, ...COLUMNS.members]);
    expect(members.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(members.getRow(2).values).toEqual([undefined, ...EXAMPLES.members]);
    expect(members.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((await readSheets('模板.xlsx', buffer)).members.map((r) => r.row)).toEqual([2]);
  });

  it('an export keeps numbers as numbers, leaves empty cells empty and sizes columns by their header', async () => {
    const buffer = await xlsxBuffer([{ name: '考勤', header: ['姓名', '出席次数', '备注说明（请假原因）'], rows: [['张三', 3, null], ['李四', 0, '病假']] }]);

    const ws = (await load(buffer)).getWorksheet('考勤')!;
    expect(ws.getRow(2).values).toEqual([undefined, '张三', 3]);
    expect(ws.getRow(3).values).toEqual([undefined, '李四', 0, '病假']);
    expect(ws.getColumn(1).width).toBe(10);
    expect(ws.getColumn(3).width).toBe(24);
  });
});
