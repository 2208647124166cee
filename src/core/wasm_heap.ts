// The host's allocator over the WASM core's memory: the host owns that memory
// and places batches, indexes and dedup state in it (core_wasm.ts).
import { assert } from '../assert.js';

/** WebAssembly page size. */
export const PAGE_BYTES = 65536;

const align16 = (n: number): number => (n + 15) & ~15;

/** First-fit allocator over the WASM memory above the module's static data. */
export class WasmHeap {
  readonly #memory: WebAssembly.Memory;
  readonly #pagesMax: number;
  #free: { ptr: number; size: number }[] = [];
  readonly #used = new Map<number, number>();
  #top: number;

  constructor(memory: WebAssembly.Memory, start: number, pagesMax: number) {
    this.#memory = memory;
    this.#pagesMax = pagesMax;
    this.#top = memory.buffer.byteLength;
    const base = align16(start);
    if (base < this.#top) this.#free.push({ ptr: base, size: this.#top - base });
  }

  alloc(bytes: number): number {
    const size = align16(Math.max(bytes, 16));
    for (let i = 0; i < this.#free.length; i++) {
      const block = this.#free[i] as { ptr: number; size: number };
      if (block.size < size) continue;
      const ptr = block.ptr;
      if (block.size === size) this.#free.splice(i, 1);
      else {
        block.ptr += size;
        block.size -= size;
      }
      this.#used.set(ptr, size);
      return ptr;
    }
    // Grow: extend the free block touching the top, if any, else append.
    const last = this.#free[this.#free.length - 1];
    const tail = last !== undefined && last.ptr + last.size === this.#top ? last.size : 0;
    const pages = Math.ceil((size - tail) / PAGE_BYTES);
    const pagesNow = this.#top / PAGE_BYTES;
    if (pagesNow + pages > this.#pagesMax) {
      throw new RangeError(`wasm core memory exhausted: ${bytes} B wanted, ${this.#pagesMax * PAGE_BYTES} B maximum`);
    }
    this.#memory.grow(pages);
    const grownBytes = pages * PAGE_BYTES;
    if (tail > 0 && last !== undefined) last.size += grownBytes;
    else this.#free.push({ ptr: this.#top, size: grownBytes });
    this.#top += grownBytes;
    return this.alloc(bytes);
  }

  release(ptr: number): void {
    const size = this.#used.get(ptr);
    assert(size !== undefined, `wasm heap: release of unknown block ${ptr}`);
    this.#used.delete(ptr);
    let at = this.#free.findIndex((b) => b.ptr > ptr);
    if (at < 0) at = this.#free.length;
    this.#free.splice(at, 0, { ptr, size });
    // Coalesce with the next, then the previous neighbour.
    const block = this.#free[at] as { ptr: number; size: number };
    const next = this.#free[at + 1];
    if (next !== undefined && block.ptr + block.size === next.ptr) {
      block.size += next.size;
      this.#free.splice(at + 1, 1);
    }
    const prev = this.#free[at - 1];
    if (prev !== undefined && prev.ptr + prev.size === block.ptr) {
      prev.size += block.size;
      this.#free.splice(at, 1);
    }
  }
}

