/**
 * A small ZIP reader for tests, written from the PKWARE APPNOTE rather than with the archiver the
 * writer uses: it walks the central directory, checks each local header, inflates each entry with
 * Node's zlib and compares its size and CRC-32 (computed here, bit by bit) with the directory's.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly text: string;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), one bit at a time. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Every entry of a ZIP file in central-directory order; throws on any inconsistency. */
export function readZip(file: Buffer): ZipEntry[] {
  const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || file.readUInt32LE(eocd) !== EOCD_SIGNATURE) throw new Error('no end of central directory');
  const count = file.readUInt16LE(eocd + 10);
  const directorySize = file.readUInt32LE(eocd + 12);
  let at = file.readUInt32LE(eocd + 16);
  if (at + directorySize !== eocd) throw new Error('central directory does not end where the end record starts');

  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (file.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new Error(`bad central header ${i}`);
    const method = file.readUInt16LE(at + 10);
    const crc = file.readUInt32LE(at + 16);
    const compressedSize = file.readUInt32LE(at + 20);
    const size = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    const localOffset = file.readUInt32LE(at + 42);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (file.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) throw new Error(`bad local header of ${name}`);
    const localName = file.toString('utf8', localOffset + 30, localOffset + 30 + file.readUInt16LE(localOffset + 26));
    if (localName !== name) throw new Error(`local name ${localName} differs from ${name}`);
    const dataStart = localOffset + 30 + file.readUInt16LE(localOffset + 26) + file.readUInt16LE(localOffset + 28);
    const stored = file.subarray(dataStart, dataStart + compressedSize);
    const data = method === 0 ? stored : inflateRawSync(stored);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, directory says ${size}`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC-32 mismatch`);
    entries.push({ name, method, compressedSize, size, text: data.toString('utf8') });
  }
  return entries;
}

/** One entry's text; throws when the entry is missing. */
export function zipText(entries: readonly ZipEntry[], name: string): string {
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no entry ${name}; have ${entries.map((e) => e.name).join(', ')}`);
  return entry.text;
}
