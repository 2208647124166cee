// Partitioning (BINARY.md §3.4): [kind u8][length u8 L][value L bytes]
// kind 1 balanced (L = 0), 2 partition id (L = 4, u32), 3 messages key (L 0..=255).
// Wrong length for kinds 1/2, unknown kind or truncation → InvalidCommand (3).
import { IggyError } from '../errors/iggy_error.js';
import type { Reader, Writer } from './reader.js';
import { type Partitioning, PartitioningKind } from './types.js';

export const Partitionings = {
  balanced: (): Partitioning => ({ kind: PartitioningKind.Balanced }),
  partitionId: (partitionId: number): Partitioning => ({ kind: PartitioningKind.PartitionId, partitionId }),
  messagesKey: (key: Uint8Array): Partitioning => ({ kind: PartitioningKind.MessagesKey, key }),
};

export function partitioningSizeBytes(partitioning: Partitioning): number {
  switch (partitioning.kind) {
    case PartitioningKind.Balanced:
      return 2;
    case PartitioningKind.PartitionId:
      return 6;
    case PartitioningKind.MessagesKey:
      return 2 + partitioning.key.length;
  }
}

/** The key is a view into the source. */
export function readPartitioning(reader: Reader): Partitioning {
  const kind = reader.u8('partitioning kind');
  const length = reader.u8('partitioning length');
  switch (kind) {
    case PartitioningKind.Balanced:
      if (length !== 0) throw IggyError.of('InvalidCommand', `balanced partitioning with length ${length}`);
      return { kind };
    case PartitioningKind.PartitionId:
      if (length !== 4) throw IggyError.of('InvalidCommand', `partition id partitioning with length ${length}`);
      return { kind, partitionId: reader.u32('partition id') };
    case PartitioningKind.MessagesKey:
      return { kind, key: reader.bytesView(length, 'messages key') };
    default:
      throw IggyError.of('InvalidCommand', `unknown partitioning kind ${kind}`);
  }
}

export function writePartitioning(writer: Writer, partitioning: Partitioning): Writer {
  switch (partitioning.kind) {
    case PartitioningKind.Balanced:
      return writer.u8(1).u8(0);
    case PartitioningKind.PartitionId:
      return writer.u8(2).u8(4).u32(partitioning.partitionId);
    case PartitioningKind.MessagesKey:
      if (partitioning.key.length > 255) throw IggyError.of('InvalidFormat', `messages key of ${partitioning.key.length} bytes (max 255)`);
      return writer.u8(3).u8(partitioning.key.length).bytesFrom(partitioning.key);
  }
}
