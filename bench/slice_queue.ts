// Received socket chunks, handed out as lists of views: a frame that spans
// chunks is never joined. The ceiling sink writes such a list with one
// positional writev and answers polls with it, so a 1 MB batch costs the
// sink no copy at all (joining it cost the sink about a third of its CPU and
// made the bench's ceiling slower than the outside harness's, which writes
// its frames the same way). Only small prefixes a caller parses are copied,
// and only when they straddle two chunks.

export class SliceQueue {
  #chunks: Buffer[] = [];
  #head = 0;
  /** Read offset inside the head chunk. */
  #offset = 0;
  #bufferedBytes = 0;

  get bufferedBytes(): number {
    return this.#bufferedBytes;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#bufferedBytes += chunk.length;
  }

  /** The first `count` buffered bytes, without consuming them: a view if they sit in one chunk, else a copy. */
  peek(count: number): Buffer {
    if (count > this.#bufferedBytes) throw new RangeError(`peek of ${count} bytes with ${this.#bufferedBytes} buffered`);
    const head = this.#chunks[this.#head]!;
    if (head.length - this.#offset >= count) return head.subarray(this.#offset, this.#offset + count);
    const out = Buffer.allocUnsafe(count);
    let written = 0;
    for (let i = this.#head, from = this.#offset; written < count; i++, from = 0) {
      const chunk = this.#chunks[i]!;
      const n = Math.min(count - written, chunk.length - from);
      chunk.copy(out, written, from, from + n);
      written += n;
    }
    return out;
  }

  peekU32LE(at: number): number {
    return this.peek(at + 4).readUInt32LE(at);
  }

  /** Consumes `count` bytes as views of the received chunks, in order. */
  takeSlices(count: number): Buffer[] {
    if (count > this.#bufferedBytes) throw new RangeError(`take of ${count} bytes with ${this.#bufferedBytes} buffered`);
    const slices: Buffer[] = [];
    this.#bufferedBytes -= count;
    while (count > 0) {
      const chunk = this.#chunks[this.#head]!;
      const n = Math.min(count, chunk.length - this.#offset);
      slices.push(chunk.subarray(this.#offset, this.#offset + n));
      count -= n;
      this.#offset += n;
      if (this.#offset === chunk.length) this.#dropHead();
    }
    return slices;
  }

  #dropHead(): void {
    this.#chunks[this.#head] = undefined as unknown as Buffer;
    this.#head++;
    this.#offset = 0;
    // Drop consumed references now and then so the array does not grow without bound.
    if (this.#head > 64 && this.#head * 2 > this.#chunks.length) {
      this.#chunks = this.#chunks.slice(this.#head);
      this.#head = 0;
    }
  }
}

/** The views covering bytes [from, end) of a slice list. */
export function sliceRange(slices: readonly Buffer[], from: number): Buffer[] {
  const out: Buffer[] = [];
  let skip = from;
  for (const slice of slices) {
    if (skip >= slice.length) {
      skip -= slice.length;
      continue;
    }
    out.push(skip === 0 ? slice : slice.subarray(skip));
    skip = 0;
  }
  return out;
}
