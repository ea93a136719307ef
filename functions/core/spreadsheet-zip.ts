// The zip container of the .xlsx files we write: the part of fflate's streaming API that write-excel-file calls
// (`Zip`, `ZipDeflate`, `strToU8`), on node:zlib. Bundles give it to write-excel-file in place of fflate
// (core/stubs/plugins.cjs): fflate builds its Huffman tables in JavaScript as it is imported (≈ 5 ms of every cold
// start of the exports function) and deflates in JavaScript, where zlib is native and already part of node.
//
// Only what writing one workbook in memory needs: entries deflated whole when their last chunk arrives, the archive
// emitted once at `end()`, no ZIP64 (an entry or archive past 4 GiB, or past 65,535 entries, is refused).
import { crc32, deflateRawSync } from 'node:zlib';

type OnData = (error: Error | null, chunk: Uint8Array, final: boolean) => void;

export const strToU8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** One file of the archive, deflated when its last chunk is pushed. */
export class ZipDeflate {
  readonly filename: string;
  private readonly chunks: Uint8Array[] = [];
  deflated?: { data: Buffer; crc: number; size: number };

  constructor(filename: string, _options?: unknown) {
    this.filename = filename;
  }

  push(chunk: Uint8Array, final = false): void {
    if (this.deflated) throw new Error(`zip entry ${this.filename} was already finished`);
    this.chunks.push(chunk);
    if (!final) return;
    const raw = Buffer.concat(this.chunks);
    this.chunks.length = 0;
    this.deflated = { data: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
  }
}

/** fflate's parallel variant: one deflate at a time is what a function of one request wants anyway. */
export { ZipDeflate as AsyncZipDeflate };

const LIMIT_32 = 0xffffffff;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const VERSION = 20;

/** MS-DOS date and time, as a zip entry stores them (local time, 2-second steps). */
function dosDateTime(at: Date): { date: number; time: number } {
  return {
    date: ((at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
  };
}

/** The archive: entries in the order added, then the central directory. */
export class Zip {
  private readonly entries: ZipDeflate[] = [];

  constructor(private readonly ondata: OnData) {}

  add(entry: ZipDeflate): void {
    this.entries.push(entry);
  }

  end(): void {
    let archive: Buffer;
    try {
      archive = this.build();
    } catch (err) {
      this.ondata(err as Error, new Uint8Array(0), true);
      return;
    }
    this.ondata(null, archive, true);
  }

  private build(): Buffer {
    if (this.entries.length > 0xffff) throw new Error('too many zip entries');
    const { date, time } = dosDateTime(new Date());
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const entry of this.entries) {
      if (!entry.deflated) throw new Error(`zip entry ${entry.filename} was not finished`);
      const { data, crc, size } = entry.deflated;
      const name = Buffer.from(entry.filename, 'utf8');
      if (size > LIMIT_32 || data.length > LIMIT_32 || offset > LIMIT_32) throw new Error('zip archive too large');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(VERSION, 4);
      local.writeUInt16LE(UTF8_NAMES, 6);
      local.writeUInt16LE(DEFLATE, 8);
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(name.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(VERSION, 4);
      local.copy(central, 6, 4, 28); // version needed … name length: the same fields in the same order
      central.writeUInt32LE(offset, 42);
      locals.push(local, name, data);
      centrals.push(central, name);
      offset += local.length + name.length + data.length;
    }
    const directory = Buffer.concat(centrals);
    if (offset > LIMIT_32 || directory.length > LIMIT_32) throw new Error('zip archive too large');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
  }
}
