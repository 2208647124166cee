// Metadata log records: one per change to streams, topics, partitions,
// consumer groups, users and personal access tokens. Payloads are JSON (this
// log is ours, not byte-compatible with Iggy's state/log — STORAGE.md §4 says
// a re-implementation need not be); bigint and Map values are tagged so they
// round-trip exactly. Create records carry the assigned id and created_at, so
// replay rebuilds identical tables without re-deciding anything.
import type { CompressionAlgorithm, Permissions, UserStatus } from '../../protocol/types.js';

export type StateRecord =
  | { op: 'stream.create'; id: number; name: string; createdAtUs: bigint }
  | { op: 'stream.update'; id: number; name: string }
  | { op: 'stream.delete'; id: number }
  | {
      op: 'topic.create';
      streamId: number;
      id: number;
      name: string;
      createdAtUs: bigint;
      partitionsCount: number;
      compression: CompressionAlgorithm;
      messageExpiryUs: bigint;
      maxTopicSizeBytes: bigint;
      replicationFactor: number;
    }
  | {
      op: 'topic.update';
      streamId: number;
      id: number;
      name: string;
      compression: CompressionAlgorithm;
      messageExpiryUs: bigint;
      maxTopicSizeBytes: bigint;
      replicationFactor: number;
    }
  | { op: 'topic.delete'; streamId: number; id: number }
  | { op: 'partitions.create'; streamId: number; topicId: number; count: number; createdAtUs: bigint }
  | { op: 'partitions.delete'; streamId: number; topicId: number; count: number }
  | { op: 'group.create'; streamId: number; topicId: number; id: number; name: string }
  | { op: 'group.delete'; streamId: number; topicId: number; id: number }
  | {
      op: 'user.create';
      id: number;
      createdAtUs: bigint;
      username: string;
      status: UserStatus;
      permissions: Permissions | null;
      passwordHash: string;
    }
  | { op: 'user.update'; id: number; username?: string; status?: UserStatus }
  | { op: 'user.permissions'; id: number; permissions: Permissions | null }
  | { op: 'user.password'; id: number; passwordHash: string }
  | { op: 'user.delete'; id: number }
  | { op: 'pat.create'; userId: number; name: string; tokenHash: string; expiryAtUs: bigint | null }
  | { op: 'pat.delete'; userId: number; name: string };

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (value instanceof Map) return { $map: [...value.entries()] };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const tagged = value as { $bigint?: string; $map?: [unknown, unknown][] };
    if (typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint);
    if (Array.isArray(tagged.$map)) return new Map(tagged.$map);
  }
  return value;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeRecord(record: StateRecord): Uint8Array {
  return encoder.encode(JSON.stringify(record, replacer));
}

export function decodeRecord(payload: Uint8Array): StateRecord {
  return JSON.parse(decoder.decode(payload), reviver) as StateRecord;
}
