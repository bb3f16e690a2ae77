// The few parts of the ZIP format an XLSX needs: the central directory (read from the end, so only the
// directory and the wanted entries are ever read, never the whole archive) and one entry's bytes,
// inflated through the host's DEFLATE. Zip64 sizes are understood; encryption and multi-disk are refused.
import { guardInflated, ImportRefusedError, readSequential, type DecompressionLimits, type Inflate, type RandomAccessInput } from "./byte-input";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000;
const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 0x100000000;

function latin1(b: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
}

const notZip = (): ImportRefusedError =>
  new ImportRefusedError("The file starts like a ZIP archive but its directory cannot be read; it is damaged or not an Excel workbook.");

/** Lists the archive's entries from its central directory. */
export async function readZipDirectory(input: RandomAccessInput): Promise<ZipEntry[]> {
  const tailLength = Math.min(input.size, 22 + 65535);
  const tail = await input.read(input.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip();
  let count = u16(tail, eocd + 10);
  let dirSize = u32(tail, eocd + 12);
  let dirOffset = u32(tail, eocd + 16);
  if (u16(tail, eocd + 4) !== 0) throw new ImportRefusedError("Multi-part ZIP archives are not supported.");
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(tail, loc) !== 0x07064b50) throw notZip();
    const recordOffset = u64(tail, loc + 8);
    const record = await input.read(recordOffset, 56);
    if (u32(record, 0) !== 0x06064b50) throw notZip();
    count = u64(record, 32);
    dirSize = u64(record, 40);
    dirOffset = u64(record, 48);
  }
  if (dirOffset + dirSize > input.size) throw notZip();
  const dir = await input.read(dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > dir.length || u32(dir, at) !== 0x02014b50) throw notZip();
    const flags = u16(dir, at + 8);
    const nameLength = u16(dir, at + 28);
    const extraLength = u16(dir, at + 30);
    const commentLength = u16(dir, at + 32);
    const entry: ZipEntry = {
      name: latin1(dir, at + 46, at + 46 + nameLength),
      method: u16(dir, at + 10),
      compressedSize: u32(dir, at + 20),
      size: u32(dir, at + 24),
      localHeaderOffset: u32(dir, at + 42),
      encrypted: (flags & 1) === 1,
    };
    readZip64Extra(dir, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Zip64 keeps sizes and offsets that overflow 32 bits in extra field 0x0001, in this fixed order. */
function readZip64Extra(b: Uint8Array, from: number, length: number, entry: ZipEntry): void {
  for (let at = from; at + 4 <= from + length; ) {
    const id = u16(b, at);
    const size = u16(b, at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      if (entry.size === 0xffffffff) (entry.size = u64(b, p)), (p += 8);
      if (entry.compressedSize === 0xffffffff) (entry.compressedSize = u64(b, p)), (p += 8);
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = u64(b, p);
    }
    at += 4 + size;
  }
}

/** The entry's uncompressed bytes as a stream, bounded by `limits` (sizes in the directory may lie). */
export async function* zipEntryChunks(
  input: RandomAccessInput,
  entry: ZipEntry,
  inflate: Inflate,
  limits: DecompressionLimits,
): AsyncGenerator<Uint8Array> {
  if (entry.encrypted) throw new ImportRefusedError("The workbook is password-protected; remove the password in Excel and save it again.");
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ImportRefusedError(`The workbook uses ZIP compression method ${entry.method}; save it again from Excel (which uses DEFLATE).`);
  }
  const what = `The workbook part ${entry.name}`;
  if (entry.size > limits.maxBytes) {
    throw new ImportRefusedError(`${what} unpacks to ${Math.round(entry.size / 1024 / 1024)} MB, more than this server accepts.`);
  }
  const header = await input.read(entry.localHeaderOffset, 30);
  if (u32(header, 0) !== 0x04034b50) throw notZip();
  const start = entry.localHeaderOffset + 30 + u16(header, 26) + u16(header, 28);
  const end = start + entry.compressedSize;
  if (end > input.size) throw notZip();
  if (entry.method === 0) {
    yield* readSequential(input, start, end);
    return;
  }
  let read = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const c of readSequential(input, start, end)) {
      read += c.length;
      yield c;
    }
  }
  yield* guardInflated(inflate("deflate-raw", counted()), what, () => read, limits);
}

/** A whole (small) entry in memory: workbook.xml, relationships, styles, shared strings. */
export async function readZipEntry(input: RandomAccessInput, entry: ZipEntry, inflate: Inflate, limits: DecompressionLimits): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of zipEntryChunks(input, entry, inflate, limits)) {
    parts.push(c);
    n += c.length;
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
