// Message routes (HTTP.md §5.9): the same operations as the binary handlers.
// A JSON batch is packed with the binary codec and decoded as a binary frame
// would be, so HTTP messages meet exactly the same checks (3, 6, 4009, and
// the core's validation in storage); a poll's stored bytes are decoded into
// messages for the JSON writer.
import { flushUnsavedBufferBinding, pollMessagesBinding, sendMessagesBinding } from '../../../protocol/http/bindings/messages.js';
import { decodePolledMessages, type PolledMessages, type PollMessagesRequest } from '../../../protocol/commands/messages/poll_messages.js';
import { sendMessages as sendCommand, type SendMessagesRequest } from '../../../protocol/commands/messages/send_messages.js';
import { Reader } from '../../../protocol/reader.js';
import { flushUnsavedBuffer } from '../../../server/ops/messages/flush_unsaved_buffer.js';
import { pollMessages } from '../../../server/ops/messages/poll_messages.js';
import { sendMessages } from '../../../server/ops/messages/send_messages.js';
import type { Operation } from '../../../server/ops/principal.js';
import type { Route } from '../router.js';
import { boundRoute } from './bound.js';

const sendJsonBatch: Operation<SendMessagesRequest, void> = async (ctx, principal, request) => {
  const payload = new Uint8Array(sendCommand.request.sizeBytes(request));
  sendCommand.request.encodeInto(payload, 0, request);
  await sendMessages(ctx, principal, sendCommand.request.decode(payload));
};

/** The stored chunks as one block: HTTP writes JSON, so the messages are decoded anyway. */
function joined(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const pollAsMessages: Operation<PollMessagesRequest, PolledMessages> = async (ctx, principal, request) => {
  const result = await pollMessages(ctx, principal, { ...request, partitionId: request.partitionId ?? null });
  const messages = result.count === 0 ? [] : decodePolledMessages(new Reader(joined(result.chunks)));
  return { partitionId: result.partitionId, currentOffset: result.currentOffset, count: result.count, messages };
};

export function messageRoutes(): Route[] {
  return [
    boundRoute(sendMessagesBinding, sendJsonBatch, 'Append a batch of messages (Base64 payloads) to a partition'),
    boundRoute(pollMessagesBinding, pollAsMessages, 'Poll messages by offset, timestamp, first, last or next'),
    boundRoute(flushUnsavedBufferBinding, flushUnsavedBuffer, "Write a partition's unsaved messages to disk, optionally fsynced"),
  ];
}
