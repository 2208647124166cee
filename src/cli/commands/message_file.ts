// The message file of `message poll --output-file` and `message send
// --input-file`, as Iggy 0.8's CLI writes it: each message as on the wire
// (BINARY.md §4.1), the 64-byte header, the payload, then the user headers,
// back to back. A polled file can be sent again: id, payload, user headers
// and origin timestamp are kept; the server stamps offset, timestamp and
// checksum anew.
import { IggyError } from '../../../src/errors/iggy_error.js';
import { MESSAGE_HEADER_BYTES } from '../../../src/protocol/layout.js';
import { decodePolledMessages } from '../../../src/protocol/commands/messages/poll_messages.js';
import { Reader, Writer } from '../../../src/protocol/reader.js';
import type { PolledMessage } from '../../../src/protocol/types.js';
import { userHeadersSizeBytes, writeUserHeaders } from '../../../src/protocol/user_headers.js';
import type { SendMessage } from '../../../sdk/values.js';

export function encodeMessageFile(messages: readonly PolledMessage[]): Uint8Array {
  let total = 0;
  for (const m of messages) total += MESSAGE_HEADER_BYTES + m.payload.length + userHeadersSizeBytes(m.userHeaders);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const { header, payload, userHeaders } of messages) {
    const headersBytes = userHeadersSizeBytes(userHeaders);
    const w = new Writer(bytes, at);
    w.u64(header.checksum).u128(header.id).u64(header.offset).u64(header.timestamp).u64(header.originTimestamp);
    w.u32(headersBytes).u32(payload.length).u64(0n);
    bytes.set(payload, at + MESSAGE_HEADER_BYTES);
    at = writeUserHeaders(new Writer(bytes, at + MESSAGE_HEADER_BYTES + payload.length), userHeaders).offset;
  }
  return bytes;
}

export function decodeMessageFile(bytes: Uint8Array, file: string): SendMessage[] {
  try {
    return decodePolledMessages(new Reader(bytes)).map((m) => ({
      id: m.header.id,
      payload: m.payload,
      headers: m.userHeaders,
      originTimestamp: m.header.originTimestamp,
    }));
  } catch (cause) {
    throw IggyError.of('InvalidFormat', `${file} is not a message file (poll --output-file writes one): ${(cause as Error).message}`);
  }
}
