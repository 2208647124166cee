// Shared helpers for the storage tests: SendMessages batches built by hand
// (64-byte headers + payload + user headers, and the client's index table, as
// BINARY.md §4.4 lays them out), decoding of polled bytes, configs over temp
// directories, and the list of cores to run against.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ServerConfig } from '../../src/config/config.js';
import type { Core } from '../../src/core/core.js';
import { loadCore } from '../../src/core/load.js';
import { setLogLevel } from '../../src/log.js';
import type { Identifier, PollingStrategy } from '../../src/protocol/types.js';
import { pollPartition } from '../../src/server/ops/messages/poll_messages.js';
import type { ConsumerKey, IncomingBatch, PollResult, Storage } from '../../src/storage/types.js';

// Opening a storage logs at info; keep test output to warnings (recovery repairs).
setLogLevel('warn');

export const HEADER_BYTES = 64;

export interface MessageSpec {
  payload: Uint8Array;
  id?: bigint;
  userHeaders?: Uint8Array;
  originTimestamp?: bigint;
}

/** A SendMessages batch (messages block + client index table) as the codec would hand it over. */
export function buildBatch(specs: MessageSpec[]): IncomingBatch {
  const sizes = specs.map((spec) => HEADER_BYTES + spec.payload.length + (spec.userHeaders?.length ?? 0));
  const messages = new Uint8Array(sizes.reduce((a, b) => a + b, 0));
  const indexes = new Uint8Array(16 * specs.length);
  const view = new DataView(messages.buffer);
  const indexView = new DataView(indexes.buffer);
  let position = 0;
  specs.forEach((spec, i) => {
    const id = spec.id ?? 0n;
    view.setBigUint64(position + 8, id & 0xffff_ffff_ffff_ffffn, true);
    view.setBigUint64(position + 16, id >> 64n, true);
    view.setBigUint64(position + 40, spec.originTimestamp ?? 0n, true);
    view.setUint32(position + 48, spec.userHeaders?.length ?? 0, true);
    view.setUint32(position + 52, spec.payload.length, true);
    messages.set(spec.payload, position + HEADER_BYTES);
    if (spec.userHeaders) messages.set(spec.userHeaders, position + HEADER_BYTES + spec.payload.length);
    position += sizes[i]!;
    indexView.setUint32(16 * i + 4, position, true);
  });
  return { count: specs.length, indexes, messages };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `count` messages with text payloads `${prefix}-${i}`. */
export function textBatch(prefix: string, count: number, ids?: bigint[]): IncomingBatch {
  return buildBatch(Array.from({ length: count }, (_, i) => ({ payload: encoder.encode(`${prefix}-${i}`), id: ids?.[i] })));
}

export interface StoredMessage {
  checksum: bigint;
  id: bigint;
  offset: bigint;
  timestamp: bigint;
  payload: Uint8Array;
  text: string;
  /** The whole stored message (header included). */
  raw: Uint8Array;
}

/** Decodes polled chunks (stored layout, back to back). */
export function decodeMessages(chunks: readonly Uint8Array[]): StoredMessage[] {
  const out: StoredMessage[] = [];
  for (const chunk of chunks) {
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let position = 0;
    while (position < chunk.length) {
      const headers = view.getUint32(position + 48, true);
      const payloadBytes = view.getUint32(position + 52, true);
      const payload = chunk.subarray(position + HEADER_BYTES, position + HEADER_BYTES + payloadBytes);
      out.push({
        checksum: view.getBigUint64(position, true),
        id: view.getBigUint64(position + 8, true) | (view.getBigUint64(position + 16, true) << 64n),
        offset: view.getBigUint64(position + 24, true),
        timestamp: view.getBigUint64(position + 32, true),
        payload,
        text: decoder.decode(payload),
        raw: chunk.subarray(position, position + HEADER_BYTES + payloadBytes + headers),
      });
      position += HEADER_BYTES + payloadBytes + headers;
    }
  }
  return out;
}

export async function tempDir(prefix = 'iggy-storage-'): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export type ConfigPatch = (config: ServerConfig) => void;

/** Defaults (as Iggy's config.toml) over `path`, the saver and cleaner timers off unless patched. */
export function storageConfig(path: string, patch?: ConfigPatch): ServerConfig {
  const config = loadConfig({ env: {} });
  config.system.path = path;
  config.message_saver.enabled = false;
  config.data_maintenance.messages.cleaner_enabled = false;
  patch?.(config);
  return config;
}

/** Both cores: every engine test runs under each (STYLE.md §6). */
export const CORE_KINDS = ['ts', 'wasm'] as const;

export function coreFor(kind: (typeof CORE_KINDS)[number]): Promise<Core> {
  return loadCore(kind);
}

/**
 * A poll of one partition as the PollMessages operation runs it (its strategy
 * resolved against the partition, auto-commit before the read), straight on
 * storage: the message-path tests need no server around it.
 */
export function pollStorage(
  storage: Storage,
  streamId: Identifier,
  topicId: Identifier,
  partitionId: number,
  consumer: ConsumerKey,
  strategy: PollingStrategy,
  count: number,
  autoCommit: boolean,
): Promise<PollResult> {
  return pollPartition(storage, { target: { streamId, topicId }, consumer, strategy, count, autoCommit }, partitionId);
}
