// Reading a net.Socket straight into buffers we choose. Node supports this
// (`onread: { buffer, callback }`, where `buffer` may be a function called
// before every read) only for sockets it constructs from options, and
// net.Server builds accepted sockets without them. So the same three fields
// the constructor would set are set on an accepted socket, found by their
// symbol descriptions, before it starts reading (the server pauses new
// sockets on connect). If this Node's sockets lack them (a future Node, a TLS
// socket) nothing is changed and the caller keeps using 'data' events.
import type net from 'node:net';

interface Handle {
  useUserBuffer?(buffer: Uint8Array): void;
  reading?: boolean;
}

function symbolOf(socket: net.Socket, description: string): symbol | undefined {
  return Object.getOwnPropertySymbols(socket).find((symbol) => symbol.description === description);
}

/**
 * Makes the paused `socket` read into `next()`'s buffer each time, then call
 * `onRead(bytes)` for the bytes that landed at its start. `next` is called
 * once now and after every read. Returns false (socket untouched) when the
 * socket cannot do this; the caller then reads 'data' events as usual.
 */
export function readIntoUserBuffers(socket: net.Socket, next: () => Uint8Array, onRead: (bytes: number) => void): boolean {
  const kBuffer = symbolOf(socket, 'kBuffer');
  const kBufferGen = symbolOf(socket, 'kBufferGen');
  const kBufferCb = symbolOf(socket, 'kBufferCb');
  const handle = (socket as unknown as { _handle?: Handle | null })._handle;
  if (kBuffer === undefined || kBufferGen === undefined || kBufferCb === undefined) return false;
  if (typeof handle?.useUserBuffer !== 'function' || handle.reading === true) return false;
  const fields = socket as unknown as Record<symbol, unknown>;
  if (fields[kBuffer] !== null && fields[kBuffer] !== undefined) return false;
  const first = next();
  fields[kBuffer] = first;
  fields[kBufferGen] = next;
  fields[kBufferCb] = (bytes: number): void => onRead(bytes);
  handle.useUserBuffer(first);
  return true;
}
