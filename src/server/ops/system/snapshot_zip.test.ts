// Proves the ZIP writer's output is readable: CRC-32 matches zlib's, and
// walking the central directory finds every entry with its bytes (stored and
// deflated), as an unzip tool would.
import { inflateRawSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, writeZip } from './snapshot_zip.js';

function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const csize = zip.readUInt32LE(at + 20);
    const usize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + csize);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length).toBe(usize);
    expect(crc32(data)).toBe(crc);
    out.set(name, data);
    at += 46 + nameLength;
  }
  return out;
}

describe('snapshot zip', () => {
  it('computes CRC-32 as zlib does', () => {
    const z = zlib as unknown as { crc32?: (b: Uint8Array) => number };
    for (const text of ['', 'a', '123456789', 'snapshot ✓'.repeat(100)]) {
      const bytes = Buffer.from(text);
      if (z.crc32) expect(crc32(bytes)).toBe(z.crc32(bytes));
    }
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926); // the standard check value
  });

  it.each([false, true])('writes entries that read back (deflate %s)', (deflate) => {
    const entries = [
      { name: 'server_config.txt', data: Buffer.from('tcp.address = 127.0.0.1:8090\n'.repeat(20)) },
      { name: 'empty.txt', data: Buffer.alloc(0) },
      { name: 'ünïcode.txt', data: Buffer.from([0, 1, 2, 255]) },
    ];
    const files = readZip(writeZip(entries, deflate));
    expect([...files.keys()]).toEqual(entries.map((e) => e.name));
    for (const entry of entries) expect(files.get(entry.name)).toEqual(entry.data);
  });
});
