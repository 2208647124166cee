// Request payloads a transport gave up: a buffer of their own that nothing
// else references, reuses or reads after the request. Storage may then keep
// a SendMessages batch in the request's memory as it is, stamped in place,
// instead of copying it out (storage/partition/take_batch.ts). Only whole
// ArrayBuffers qualify: a slice of a shared pool never does.
const givenUp = new WeakSet<ArrayBufferLike>();

/** Marks `payload` as given up; ignored unless it spans its whole ArrayBuffer. */
export function giveUpPayload(payload: Uint8Array): void {
  if (payload.byteOffset === 0 && payload.byteLength === payload.buffer.byteLength) givenUp.add(payload.buffer);
}

/** `bytes` lie in a payload its transport gave up. */
export function isGivenUp(bytes: Uint8Array): boolean {
  return givenUp.has(bytes.buffer);
}
