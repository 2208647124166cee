// Messages as Iggy's JSON (HTTP.md §4, §5.9): the send body (partitioning,
// messages with Base64 payloads and HeaderEntry user headers) and the poll
// response (PolledMessages), both directions. Ids are u128: written as a JSON
// number (exact, json.ts) and read from a number, a decimal string or 32 hex
// digits (dashes allowed, a UUID), as the Rust server accepts.
import { IggyError } from '../../errors/iggy_error.js';
import type { OutgoingMessage } from '../commands/messages/send_messages.js';
import type { PolledMessages } from '../commands/messages/poll_messages.js';
import { HeaderKind, type HeaderValue, type MessageHeader, type Partitioning, PartitioningKind, type PolledMessage, U64_MAX, type UserHeader } from '../types.js';
import { decodeUserHeaders } from '../user_headers.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { asArray, asObject, Fields } from './fields.js';
import type { JsonValue, Writable } from './json.js';

type Json = { readonly [key: string]: Writable };

const U128_MAX = (1n << 128n) - 1n;
const KIND_NAMES: ReadonlyMap<HeaderKind, string> = new Map(Object.entries(HeaderKind).map(([name, kind]) => [kind, name.toLowerCase()]));
const KIND_OF: ReadonlyMap<string, HeaderKind> = new Map([...KIND_NAMES].map(([kind, name]) => [name, kind]));
const PARTITIONING_NAMES = ['balanced', 'partition_id', 'messages_key'] as const;

function headerValueJson(v: HeaderValue): Json {
  return { kind: KIND_NAMES.get(v.kind) ?? 'raw', value: encodeBase64(v.value) };
}

function readHeaderValue(f: Fields): HeaderValue {
  const name = f.str('kind');
  const kind = KIND_OF.get(name);
  if (kind === undefined) throw IggyError.of('CannotParseHeaderKind', `${f.name('kind')}: unknown header kind "${name}"`);
  return { kind, value: decodeBase64(f.str('value'), f.name('value')) };
}

export function userHeadersJson(headers: readonly UserHeader[]): Writable[] {
  return headers.map((h) => ({ key: headerValueJson(h.key), value: headerValueJson(h.value) }));
}

/** HeaderEntry[], or a Base64 string of the raw header bytes (HTTP.md §4), or null/absent = none. */
export function readUserHeaders(value: JsonValue | undefined, field: string): UserHeader[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return decodeUserHeaders(decodeBase64(value, field));
  return asArray(value, field).map((item, i) => {
    const at = new Fields(asObject(item, `${field}[${i}]`), `${field}[${i}]`);
    return { key: readHeaderValue(at.obj('key')), value: readHeaderValue(at.obj('value')) };
  });
}

export function partitioningJson(p: Partitioning): Json {
  switch (p.kind) {
    case PartitioningKind.Balanced:
      return { kind: 'balanced', value: '' };
    case PartitioningKind.PartitionId: {
      const bytes = new Uint8Array(4);
      new DataView(bytes.buffer).setUint32(0, p.partitionId, true);
      return { kind: 'partition_id', value: encodeBase64(bytes) };
    }
    case PartitioningKind.MessagesKey:
      return { kind: 'messages_key', value: encodeBase64(p.key) };
  }
}

/** `value` is required even for balanced (HTTP.md §5.9); a wrong length is InvalidKeyValueLength (4028). */
export function readPartitioning(f: Fields): Partitioning {
  const kind = f.oneOf('kind', PARTITIONING_NAMES);
  const value = decodeBase64(f.str('value'), f.name('value'));
  if (kind === 'balanced') {
    if (value.length !== 0) throw IggyError.of('InvalidKeyValueLength', `balanced partitioning with a ${value.length}-byte value`);
    return { kind: PartitioningKind.Balanced };
  }
  if (kind === 'partition_id') {
    if (value.length !== 4) throw IggyError.of('InvalidKeyValueLength', `partition_id partitioning with a ${value.length}-byte value, expected 4`);
    return { kind: PartitioningKind.PartitionId, partitionId: new DataView(value.buffer, value.byteOffset, 4).getUint32(0, true) };
  }
  if (value.length < 1 || value.length > 255) throw IggyError.of('InvalidKeyValueLength', `messages_key of ${value.length} bytes, expected 1..=255`);
  return { kind: PartitioningKind.MessagesKey, key: value };
}

/** u128 from a number, a decimal string or 32 hex digits (dashes allowed). */
export function readMessageId(value: JsonValue | undefined, field: string): bigint {
  if (value === undefined || value === null) return 0n;
  let id: bigint | undefined;
  if (typeof value === 'bigint') id = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) id = BigInt(value);
  else if (typeof value === 'string' && /^\d{1,39}$/.test(value)) id = BigInt(value);
  else if (typeof value === 'string' && /^[0-9a-fA-F]{32}$/.test(value.replaceAll('-', ''))) id = BigInt(`0x${value.replaceAll('-', '')}`);
  if (id === undefined || id < 0n || id > U128_MAX) throw IggyError.of('InvalidFormat', `${field}: ${String(value)} is not a u128 message id`);
  return id;
}


/** Iggy reads a numeric id only up to u64::MAX (HTTP.md §5.9): larger ids go as a decimal string. */
export function outgoingMessageJson(m: OutgoingMessage): Json {
  const id = m.id ?? 0n;
  return { id: id > U64_MAX ? id.toString() : id, payload: encodeBase64(m.payload), user_headers: userHeadersJson(m.headers ?? []) };
}

/** An empty payload fails as Iggy's body parsing does (HTTP.md §5.9); the origin timestamp does not travel over HTTP. */
export function readOutgoingMessage(f: Fields): OutgoingMessage {
  const payload = decodeBase64(f.str('payload'), f.name('payload'));
  if (payload.length === 0) throw IggyError.of('InvalidFormat', `${f.name('payload')}: must not be empty`);
  const message: OutgoingMessage = { id: readMessageId(f.raw('id'), f.name('id')), payload };
  const headers = readUserHeaders(f.raw('user_headers'), f.name('user_headers'));
  return headers.length === 0 ? message : { ...message, headers };
}

function headerJson(h: MessageHeader): Json {
  return {
    checksum: h.checksum, id: h.id, offset: h.offset, timestamp: h.timestamp, origin_timestamp: h.originTimestamp,
    user_headers_length: h.userHeadersLength, payload_length: h.payloadLength, reserved: h.reserved,
  };
}

function readHeader(f: Fields): MessageHeader {
  return {
    checksum: f.u64('checksum'), id: f.u128('id'), offset: f.u64('offset'), timestamp: f.u64('timestamp'), originTimestamp: f.u64('origin_timestamp'),
    userHeadersLength: f.u32('user_headers_length'), payloadLength: f.u32('payload_length'), reserved: f.u64('reserved'),
  };
}

/** An empty poll is all zeros whatever the partition's state, as Iggy's server answers it (HTTP.md §4). */
export function polledMessagesJson(p: PolledMessages): Json {
  if (p.messages.length === 0) return { partition_id: 0, current_offset: 0, count: 0, messages: [] };
  const messages = p.messages.map((m: PolledMessage) => ({ header: headerJson(m.header), payload: encodeBase64(m.payload), user_headers: userHeadersJson(m.userHeaders) }));
  return { partition_id: p.partitionId, current_offset: p.currentOffset, count: p.count, messages };
}

export function readPolledMessages(f: Fields): PolledMessages {
  const messages = f.list('messages').map((m): PolledMessage => ({
    header: readHeader(m.obj('header')),
    payload: decodeBase64(m.str('payload'), m.name('payload')),
    userHeaders: readUserHeaders(m.raw('user_headers'), m.name('user_headers')),
  }));
  return { partitionId: f.u32('partition_id'), currentOffset: f.u64('current_offset'), count: f.u32('count'), messages };
}
