// Which sealed segments keep their index in memory (system.segment.cache_indexes).
// With `all` every index stays; with `open_segment` a few recently read sealed
// indexes stay loaded; with `none` they go as soon as no read uses them. A read
// pins the segments it plans over, so their indexes are never released under it.
import type { Segment } from '../segment/segment.js';
import { SegmentGone } from './segment_reader.js';

/** Sealed segments whose index stays loaded after a read (cache_indexes = open_segment). */
const LOADED_SEALED_INDEXES_MAX = 4;

export class IndexCache {
  readonly #mode: 'all' | 'open_segment' | 'none';
  /** Segments in use by in-flight reads: their indexes are not released. */
  readonly #pins = new Map<Segment, number>();
  /** Sealed segments with a loaded index, least recently used first. */
  readonly #loadedSealed = new Set<Segment>();

  constructor(mode: 'all' | 'open_segment' | 'none') {
    this.#mode = mode;
  }

  /** Whether sealed segments may drop their index at all. */
  get releases(): boolean {
    return this.#mode !== 'all';
  }

  pin(segment: Segment): void {
    this.#pins.set(segment, (this.#pins.get(segment) ?? 0) + 1);
  }

  unpin(segment: Segment): void {
    const pins = (this.#pins.get(segment) ?? 1) - 1;
    if (pins === 0) this.#pins.delete(segment);
    else this.#pins.set(segment, pins);
  }

  /** A sealed segment was just written or synced: its index goes unless kept or pinned. */
  releaseIfIdle(segment: Segment): void {
    if (this.releases && segment.sealed && segment.indexLoaded && !this.#pins.has(segment)) segment.releaseIndex();
  }

  /** Loads a segment's index for a read; a segment deleted meanwhile is SegmentGone. */
  async load(segment: Segment): Promise<void> {
    if (segment.deleted) throw new SegmentGone();
    try {
      await segment.loadIndex();
    } catch (error) {
      if (segment.deleted) throw new SegmentGone();
      throw error;
    }
    this.#loadedSealed.delete(segment);
    this.#loadedSealed.add(segment); // most recently used last
  }

  /** Keeps at most LOADED_SEALED_INDEXES_MAX sealed indexes loaded (none pinned by a read is dropped). */
  trim(): void {
    if (this.#mode === 'all') return;
    const keep = this.#mode === 'none' ? 0 : LOADED_SEALED_INDEXES_MAX;
    for (const segment of this.#loadedSealed) {
      if (this.#loadedSealed.size <= keep) return;
      if (this.#pins.has(segment)) continue;
      segment.releaseIndex();
      this.#loadedSealed.delete(segment);
    }
  }
}
