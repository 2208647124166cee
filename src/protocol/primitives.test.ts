// Proves the shared structures of BINARY.md §3 decode to the right values and
// map malformed input to the server's codes (3 truncation/unknown kind, 4
// structural), and that encoders write what decoders read.
import { describe, expect, it } from 'vitest';
import { thrownCode } from '../../test/helpers/errors.js';
import { readConsumer, writeConsumer, consumerSizeBytes } from './consumer.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from './identifier.js';
import { readOptPartition, writeOptPartition } from './opt_partition.js';
import { partitioningSizeBytes, readPartitioning, writePartitioning } from './partitioning.js';
import {
  allGlobalPermissions,
  optPermissionsSizeBytes,
  readOptPermissions,
  readResponsePermissions,
  responsePermissionsSizeBytes,
  writeOptPermissions,
  writeResponsePermissions,
} from './permissions.js';
import { readPollingStrategy } from './polling_strategy.js';
import { Reader, Writer } from './reader.js';
import type { Identifier, Permissions } from './types.js';
import { decodeUserHeaders, headerValue, headerValueToJs, userHeadersSizeBytes, writeUserHeaders } from './user_headers.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
describe('Identifier', () => {
  it('round-trips numeric and string identifiers', () => {
    for (const id of [{ kind: 'numeric', value: 0 }, { kind: 'numeric', value: 0xffffffff }, { kind: 'string', value: 'orders' }] as Identifier[]) {
      const bytes = new Uint8Array(identifierSizeBytes(id));
      expect(writeIdentifier(new Writer(bytes), id).offset).toBe(bytes.length);
      expect(readIdentifier(new Reader(bytes))).toEqual(id);
    }
  });

  it('maps bad kinds to 3 and bad lengths to 4', () => {
    expect(thrownCode(() => readIdentifier(new Reader(hex('030401000000'))))).toBe(3);
    expect(thrownCode(() => readIdentifier(new Reader(hex('01020100'))))).toBe(4);
    expect(thrownCode(() => readIdentifier(new Reader(hex('0200'))))).toBe(4);
    expect(thrownCode(() => readIdentifier(new Reader(hex('010401'))))).toBe(3);
    expect(thrownCode(() => readIdentifier(new Reader(hex('0202c328'))))).toBe(3);
  });

  it('keeps a string that looks like a number a name', () => {
    expect(readIdentifier(new Reader(hex('02023132')))).toEqual({ kind: 'string', value: '12' });
  });
});

describe('Consumer, OptPartition, PollingStrategy, Partitioning', () => {
  it('round-trips a consumer group by name and rejects unknown kinds', () => {
    const consumer = { kind: 2, id: { kind: 'string', value: 'g' } } as const;
    const bytes = new Uint8Array(consumerSizeBytes(consumer));
    writeConsumer(new Writer(bytes), consumer);
    expect(readConsumer(new Reader(bytes))).toEqual(consumer);
    expect(thrownCode(() => readConsumer(new Reader(hex('03010400000000'))))).toBe(3);
  });

  it('treats only flag 1 as a present partition', () => {
    expect(readOptPartition(new Reader(hex('0107000000')))).toBe(7);
    expect(readOptPartition(new Reader(hex('0207000000')))).toBeNull();
    expect(readOptPartition(new Reader(hex('0007000000')))).toBeNull();
    const bytes = new Uint8Array(5);
    writeOptPartition(new Writer(bytes), null);
    expect(Buffer.from(bytes).toString('hex')).toBe('0000000000');
  });

  it('rejects unknown polling kinds', () => {
    expect(readPollingStrategy(new Reader(hex('040000000000000000')))).toEqual({ kind: 4, value: 0n });
    expect(thrownCode(() => readPollingStrategy(new Reader(hex('060000000000000000'))))).toBe(3);
    expect(thrownCode(() => readPollingStrategy(new Reader(hex('000000000000000000'))))).toBe(3);
  });

  it('checks partitioning lengths with InvalidCommand', () => {
    expect(readPartitioning(new Reader(hex('0100')))).toEqual({ kind: 1 });
    expect(readPartitioning(new Reader(hex('020402000000')))).toEqual({ kind: 2, partitionId: 2 });
    expect(readPartitioning(new Reader(hex('0300')))).toEqual({ kind: 3, key: new Uint8Array(0) });
    expect(thrownCode(() => readPartitioning(new Reader(hex('010100'))))).toBe(3);
    expect(thrownCode(() => readPartitioning(new Reader(hex('02030000'))))).toBe(3);
    expect(thrownCode(() => readPartitioning(new Reader(hex('0400'))))).toBe(3);
    const key = { kind: 3, key: hex('abcd') } as const;
    const bytes = new Uint8Array(partitioningSizeBytes(key));
    writePartitioning(new Writer(bytes), key);
    expect(Buffer.from(bytes).toString('hex')).toBe('0302abcd');
  });
});

function sampleStreamPermissions(): Permissions {
  const p = allGlobalPermissions();
  p.global.manageServers = false;
  const flags = { manageStream: true, readStream: false, manageTopics: true, readTopics: false, pollMessages: true, sendMessages: false };
  p.streams.set(5, { ...flags, topics: new Map([[9, { manageTopic: true, readTopic: false, pollMessages: true, sendMessages: true }], [2, { manageTopic: false, readTopic: true, pollMessages: false, sendMessages: false }]]) });
  p.streams.set(1, { ...flags, topics: new Map() });
  return p;
}

describe('Permissions', () => {
  it('writes has-next bytes after every topic and stream (server layout) and reads them back', () => {
    const p = sampleStreamPermissions();
    const bytes = new Uint8Array(optPermissionsSizeBytes(p));
    expect(writeOptPermissions(new Writer(bytes), p).offset).toBe(bytes.length);
    // 1 + 4 + 11 + two stream entries (12 each) + two topics (9 each)
    expect(bytes.length).toBe(5 + 11 + 24 + 18);
    const decoded = readOptPermissions(new Reader(bytes));
    expect(decoded).toEqual(p);
    // streams ascending: stream 1 first, has_next_stream 1 after it
    expect(new Reader(bytes, 16).u32()).toBe(1);
    expect(bytes[16 + 11]).toBe(1);
  });

  it('rejects a perm_len that disagrees with the content', () => {
    expect(thrownCode(() => readOptPermissions(new Reader(hex('010c000000' + '01'.repeat(10) + '00' + '00'))))).toBe(4);
    expect(thrownCode(() => readOptPermissions(new Reader(hex('010a000000' + '01'.repeat(10)))))).toBe(3);
  });

  it('reads any flag other than 1 as absent and reads nothing more', () => {
    const reader = new Reader(hex('000100000000'));
    expect(readOptPermissions(reader)).toBeNull();
    expect(reader.offset).toBe(1);
    expect(readOptPermissions(new Reader(hex('02ffffffff')))).toBeNull();
  });

  it('wraps absent permissions in responses as u32 0', () => {
    const bytes = new Uint8Array(responsePermissionsSizeBytes(null));
    writeResponsePermissions(new Writer(bytes), null);
    expect(Buffer.from(bytes).toString('hex')).toBe('00000000');
    expect(readResponsePermissions(new Reader(bytes))).toBeNull();
  });
});

describe('user headers', () => {
  it('round-trips every kind', () => {
    const values = [
      headerValue.raw(hex('0102')), headerValue.string('żółw'), headerValue.bool(true), headerValue.int8(-2),
      headerValue.int16(-300), headerValue.int32(-70000), headerValue.int64(-5n), headerValue.int128(-(1n << 100n)),
      headerValue.uint8(200), headerValue.uint16(60000), headerValue.uint32(4e9), headerValue.uint64(1n << 63n),
      headerValue.uint128((1n << 128n) - 1n), headerValue.float32(0.5), headerValue.float64(Math.PI),
    ];
    const headers = values.map((value, i) => ({ key: headerValue.string(`k${i}`), value }));
    const bytes = new Uint8Array(userHeadersSizeBytes(headers));
    expect(writeUserHeaders(new Writer(bytes), headers).offset).toBe(bytes.length);
    const decoded = decodeUserHeaders(bytes);
    expect(decoded).toEqual(headers);
    expect(decoded.map((h) => headerValueToJs(h.value))).toEqual([
      hex('0102'), 'żółw', true, -2, -300, -70000, -5n, -(1n << 100n), 200, 60000, 4e9, 1n << 63n, (1n << 128n) - 1n, 0.5, Math.PI,
    ]);
  });

  it('rejects unknown kinds, bad sizes and truncation', () => {
    expect(thrownCode(() => decodeUserHeaders(hex('1001000000610201000000 62'.replace(' ', ''))))).toBe(3);
    expect(thrownCode(() => decodeUserHeaders(hex('02000000000201000000 62'.replace(' ', ''))))).toBe(4018);
    expect(thrownCode(() => decodeUserHeaders(hex('020100000061060200000001 02'.replace(' ', ''))))).toBe(4019);
    expect(thrownCode(() => decodeUserHeaders(hex('0201000000610201000000')))).toBe(3);
  });
});
