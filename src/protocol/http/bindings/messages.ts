// Messages over HTTP (HTTP.md §5.9): poll as a GET with its query, send as a
// JSON batch (Base64 payloads), flush with both values in the path.
import { IggyError } from '../../../errors/iggy_error.js';
import { flushUnsavedBuffer } from '../../commands/messages/flush_unsaved_buffer.js';
import { pollMessages } from '../../commands/messages/poll_messages.js';
import { sendMessages } from '../../commands/messages/send_messages.js';
import { PollingKind } from '../../types.js';
import { bind, bodyFields, emptyResponse, type HttpRequestIn, jsonResponse } from '../binding.js';
import { outgoingMessageJson, partitioningJson, polledMessagesJson, readOutgoingMessage, readPartitioning, readPolledMessages } from '../messages.js';
import { identifierText, parseBoolParam } from '../path.js';
import { DEFAULT_HTTP_CONSUMER, single, singleConsumerId } from './groups.js';
import { query, readStreamTopic, streamTopicParams, TOPIC, u32Param } from './params.js';

const MESSAGES = `${TOPIC}/messages`;
const KIND_NAMES: Readonly<Record<PollingKind, string>> = { 1: 'offset', 2: 'timestamp', 3: 'first', 4: 'last', 5: 'next' };
/** Full names and Iggy's one-letter aliases. */
const KIND_OF: ReadonlyMap<string, PollingKind> = new Map(
  Object.entries(KIND_NAMES).flatMap(([kind, name]) => [[name, Number(kind) as PollingKind], [name[0]!, Number(kind) as PollingKind]] as const),
);

function readPollingKind(r: HttpRequestIn): PollingKind {
  const text = r.query.kind;
  if (text === undefined || text === '') return PollingKind.Offset;
  const kind = KIND_OF.get(text.toLowerCase());
  if (kind === undefined) throw IggyError.of('InvalidFormat', `kind: "${text}" is not offset, timestamp, first, last or next`);
  return kind;
}

/** Query defaults as Iggy's: consumer 1, partition 0 (absent), offset 0, count 10, no auto commit. */
export const pollMessagesBinding = bind(
  pollMessages,
  { method: 'GET', path: MESSAGES },
  {
    write: (r) => ({
      params: streamTopicParams(r),
      query: {
        consumer_id: identifierText(singleConsumerId(r.consumer)),
        ...(r.partitionId == null ? {} : { partition_id: String(r.partitionId) }),
        kind: KIND_NAMES[r.strategy.kind], value: String(r.strategy.value), count: String(r.count), auto_commit: String(r.autoCommit),
      },
    }),
    read: (r) => ({
      ...readStreamTopic(r),
      consumer: single(query.id(r, 'consumer_id', DEFAULT_HTTP_CONSUMER.id)),
      partitionId: query.u32(r, 'partition_id', null),
      strategy: { kind: readPollingKind(r), value: query.u64(r, 'value', 0n) },
      count: query.u32(r, 'count', 10) ?? 10,
      autoCommit: query.bool(r, 'auto_commit', false),
    }),
  },
  jsonResponse(200, polledMessagesJson, readPolledMessages),
);

export const sendMessagesBinding = bind(
  sendMessages,
  { method: 'POST', path: MESSAGES },
  {
    write: (r) => ({ params: streamTopicParams(r), query: {}, body: { partitioning: partitioningJson(r.partitioning), messages: r.messages.map(outgoingMessageJson) } }),
    read: (r) => {
      const f = bodyFields(r);
      return { ...readStreamTopic(r), partitioning: readPartitioning(f.obj('partitioning')), messages: f.list('messages').map(readOutgoingMessage) };
    },
  },
  emptyResponse(201),
);

export const flushUnsavedBufferBinding = bind(
  flushUnsavedBuffer,
  { method: 'GET', path: `${MESSAGES}/flush/:partition_id/:fsync` },
  {
    write: (r) => ({ params: { ...streamTopicParams(r), partition_id: String(r.partitionId), fsync: String(r.fsync) }, query: {} }),
    // The 0.8.0 Rust SDK sends the last segment as "fsync=true" (HTTP.md §5.9): accepted too.
    read: (r) => ({ ...readStreamTopic(r), partitionId: u32Param(r, 'partition_id'), fsync: parseBoolParam((r.params.fsync ?? '').replace(/^fsync=/, ''), 'fsync') }),
  },
  emptyResponse(200),
);
