// Id assignment as Iggy 0.8's slab tables (BINARY.md §7): a new entity gets the
// most recently freed id, otherwise the next id after the highest ever used.
// Replaying the metadata log through the same calls rebuilds the same table.

export class IdSlab {
  #next = 0;
  #freed: number[] = [];
  readonly #used = new Set<number>();

  allocate(): number {
    const id = this.#freed.pop() ?? this.#next;
    this.take(id);
    return id;
  }

  /** Marks an id as used (replay, or after allocate). */
  take(id: number): void {
    const freedAt = this.#freed.lastIndexOf(id);
    if (freedAt >= 0) this.#freed.splice(freedAt, 1);
    this.#used.add(id);
    if (id >= this.#next) this.#next = id + 1;
  }

  release(id: number): void {
    if (!this.#used.delete(id)) return;
    this.#freed.push(id);
  }
}
