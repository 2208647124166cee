// A queue of received byte chunks read as one stream, for the frame readers of
// every stream transport (server requests, SDK responses). Chunks are kept in
// a list with a byte count and joined only when a whole frame is taken
// (STYLE.md §5): bytes inside one chunk come out as a view of it, bytes that
// span chunks cost exactly one copy. Never a concat of a growing backlog.
// Browser-safe: Uint8Array only; `allocate` lets Node callers get Buffers.

export class ChunkQueue<Chunk extends Uint8Array = Uint8Array> {
  readonly #allocate: (sizeBytes: number) => Chunk;
  #chunks: Chunk[] = [];
  /** Bytes of chunks[0] already consumed. */
  #head = 0;
  #bufferedBytes = 0;

  constructor(allocate: (sizeBytes: number) => Chunk) {
    this.#allocate = allocate;
  }

  get bufferedBytes(): number {
    return this.#bufferedBytes;
  }

  push(chunk: Chunk): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#bufferedBytes += chunk.length;
  }

  /** Drops everything buffered (after a disconnect). */
  clear(): void {
    this.#chunks = [];
    this.#head = 0;
    this.#bufferedBytes = 0;
  }

  /** The u32 LE at `at` bytes past the read position, across chunk borders, without copying. */
  peekU32LE(at: number): number {
    let value = 0;
    let chunkIndex = 0;
    let index = this.#head + at;
    for (let byte = 0; byte < 4; byte++) {
      let chunk = this.#chunks[chunkIndex]!;
      while (index >= chunk.length) {
        index -= chunk.length;
        chunkIndex++;
        chunk = this.#chunks[chunkIndex]!;
      }
      value |= chunk[index]! << (8 * byte);
      index++;
    }
    return value >>> 0;
  }

  skip(count: number): void {
    this.#bufferedBytes -= count;
    while (count > 0) {
      const chunk = this.#chunks[0]!;
      const available = chunk.length - this.#head;
      if (count < available) {
        this.#head += count;
        return;
      }
      count -= available;
      this.#chunks.shift();
      this.#head = 0;
    }
  }

  /** The next `count` bytes: a view when they lie in one chunk, else one copy. */
  take(count: number): Chunk {
    const first = this.#chunks[0]!;
    if (first.length - this.#head >= count) {
      const view = first.subarray(this.#head, this.#head + count) as Chunk;
      this.skip(count);
      return view;
    }
    const joined = this.#allocate(count);
    let written = 0;
    while (written < count) {
      const chunk = this.#chunks[0]!;
      const part = Math.min(chunk.length - this.#head, count - written);
      joined.set(chunk.subarray(this.#head, this.#head + part), written);
      written += part;
      this.skip(part);
    }
    return joined;
  }
}
