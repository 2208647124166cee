// The message file of `message poll --output-file` and `message send
// --input-file`, as Iggy 0.8's CLI writes it: each message as on the wire
// (BINARY.md §4.1), the 64-byte header, the payload, then the user headers,
// back to back. A polled file can be sent again: id, payload, user headers
// and origin timestamp are kept; the server stamps offset, timestamp and
// checksum anew.
import { IggyError } from '../../../src/errors/iggy_error.js';
import { decodePolledMessages, encodePolledMessages } from '../../../src/protocol/commands/messages/poll_messages.js';
import { Reader } from '../../../src/protocol/reader.js';
import type { PolledMessage } from '../../../src/protocol/types.js';
import type { SendMessage } from '../../../sdk/values.js';

/** A message file holds the messages block of a poll response. */
export const encodeMessageFile: (messages: readonly PolledMessage[]) => Uint8Array = encodePolledMessages;

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
