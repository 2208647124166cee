// StoreConsumerOffset — 121 (BINARY.md §8.25).
// Request: [Consumer][stream_id Identifier][topic_id Identifier][OptPartition][offset u64].
// Response: empty OK.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type ConsumerOffsetTarget, consumerOffsetTargetSizeBytes, readConsumerOffsetTarget, writeConsumerOffsetTarget } from './consumer_offset_target.js';

export interface StoreConsumerOffsetRequest extends ConsumerOffsetTarget {
  offset: bigint;
}
export type StoreConsumerOffsetResponse = void;

export const storeConsumerOffset: CommandCodec<StoreConsumerOffsetRequest, StoreConsumerOffsetResponse> = {
  code: 121,
  name: 'StoreConsumerOffset',
  request: defineCodec(
    (r) => consumerOffsetTargetSizeBytes(r) + 8,
    (w, r) => writeConsumerOffsetTarget(w, r).u64(r.offset),
    (reader) => {
      const target = readConsumerOffsetTarget(reader);
      return { ...target, offset: reader.u64('offset') };
    },
  ),
  response: EMPTY_CODEC,
};
