// The zip writer the bundles give write-excel-file in place of fflate (functions/core/spreadsheet-zip.ts), read back
// by other implementations: fflate's own reader, and exceljs for a whole workbook written through it.
import ExcelJS from 'exceljs';
import { Zip, ZipDeflate, strToU8 } from '../../functions/core/spreadsheet-zip';

// write-excel-file imports 'fflate': here it gets the writer, as in the bundles (core/stubs/plugins.cjs).
jest.mock('fflate', () => ({ ...jest.requireActual('fflate'), ...jest.requireActual('../../functions/core/spreadsheet-zip') }));
const { unzipSync } = jest.requireActual<typeof import('fflate')>('fflate');
const { xlsxBuffer } = jest.requireActual<typeof import('../../functions/core/spreadsheet')>('../../functions/core/spreadsheet');

function archive(files: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new Zip((error, chunk, final) => (error ? reject(error) : final && resolve(Buffer.from(chunk))));
    for (const [name, text] of Object.entries(files)) {
      const entry = new ZipDeflate(name);
      zip.add(entry);
      const bytes = strToU8(text);
      entry.push(bytes.subarray(0, 3));
      entry.push(bytes.subarray(3), true);
    }
    zip.end();
  });
}

/** CRC-32 bit by bit (the zip polynomial), independent of node:zlib's. */
function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** Each central directory record's name and stored CRC. */
function storedCrcs(zip: Buffer): Record<string, number> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out: Record<string, number> = {};
  for (let at = zip.readUInt32LE(end + 16), n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const nameLength = zip.readUInt16LE(at + 28);
    out[zip.subarray(at + 46, at + 46 + nameLength).toString('utf8')] = zip.readUInt32LE(at + 16);
    at += 46 + nameLength;
  }
  return out;
}

describe('the .xlsx zip writer on node:zlib', () => {
  it('writes an archive that another reader opens: names in UTF-8, contents and CRCs intact', async () => {
    // Prepare
    const files = { '[Content_Types].xml': '<Types/>', 'xl/worksheets/党员.xml': `<sheetData>${'<row>张三</row>'.repeat(500)}</sheetData>`, empty: '' };

    // Act
    const zip = await archive(files);

    // Assess
    const read = unzipSync(zip);
    expect(Object.keys(read)).toEqual(Object.keys(files));
    for (const [name, text] of Object.entries(files)) expect(Buffer.from(read[name]).toString('utf8')).toBe(text);
    const crcs = storedCrcs(zip);
    for (const [name, text] of Object.entries(files)) expect(crcs[name]).toBe(crc32(Buffer.from(text, 'utf8')));
    expect(zip.length).toBeLessThan(Buffer.byteLength(files['xl/worksheets/党员.xml'])); // deflated, not stored
  });

  it('is what write-excel-file zips with: exceljs reads the workbook back', async () => {
    // Act
    const file = await xlsxBuffer([{ name: '花名册', header: ['姓名', '手机号'], rows: [['张三', '138****0000'], ['李四', null]] }]);

    // Assess
    // Written by this writer, not fflate's streaming Zip: sizes in the local header, no data descriptor (flag bit 3).
    expect(file.readUInt16LE(6)).toBe(0x0800);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('花名册')!;
    expect(ws.getRow(1).values).toEqual([undefined, '姓名', '手机号']);
    expect(ws.getRow(2).values).toEqual([undefined, '张三', '138****0000']);
    expect(ws.getCell('A3').value).toBe('李四');
  });

  it('reports an entry that never got its last chunk, and refuses chunks after it', async () => {
    // Prepare
    const unfinished = new ZipDeflate('a.xml');
    unfinished.push(strToU8('<a'));
    const finished = new ZipDeflate('b.xml');
    finished.push(strToU8('<b/>'), true);

    // Act
    const outcome = await new Promise<Error | null>((resolve) => {
      const zip = new Zip((error) => resolve(error));
      zip.add(unfinished);
      zip.end();
    });

    // Assess
    expect(outcome?.message).toMatch(/a\.xml was not finished/);
    expect(() => finished.push(strToU8('more'))).toThrow(/already finished/);
  });
});
