// Progress bar on stderr while actors run: redrawn in place on a TTY, a line
// per quarter otherwise (logs stay readable), nothing with --no-progress.
// It reads the actors' shared batch counters; it never talks to them.

export class ProgressBar {
  readonly #label: string;
  readonly #counters: Int32Array;
  readonly #totalBatches: number;
  readonly #stream: NodeJS.WriteStream;
  readonly #tty: boolean;
  #timer: ReturnType<typeof setInterval> | null = null;
  #lastQuarter = -1;
  readonly #startedAt = Date.now();

  constructor(label: string, counters: SharedArrayBuffer, totalBatches: number, stream: NodeJS.WriteStream = process.stderr) {
    this.#label = label;
    this.#counters = new Int32Array(counters);
    this.#totalBatches = Math.max(1, totalBatches);
    this.#stream = stream;
    this.#tty = stream.isTTY === true;
  }

  start(): void {
    this.#timer = setInterval(() => this.#draw(false), this.#tty ? 200 : 1000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#draw(true);
  }

  #done(): number {
    let done = 0;
    for (let i = 0; i < this.#counters.length; i++) done += Atomics.load(this.#counters, i);
    return done;
  }

  #draw(final: boolean): void {
    const done = Math.min(this.#done(), this.#totalBatches);
    const fraction = done / this.#totalBatches;
    const seconds = ((Date.now() - this.#startedAt) / 1000).toFixed(1);
    if (this.#tty) {
      const width = 30;
      const filled = Math.round(fraction * width);
      const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
      this.#stream.write(`\r${this.#label} [${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${this.#totalBatches} batches ${seconds}s${final ? '\n' : ''}`);
      return;
    }
    const quarter = Math.floor(fraction * 4);
    if (quarter > this.#lastQuarter || final) {
      if (quarter === this.#lastQuarter && final) return;
      this.#lastQuarter = quarter;
      this.#stream.write(`${this.#label}: ${(fraction * 100).toFixed(0)}% (${done}/${this.#totalBatches} batches, ${seconds}s)\n`);
    }
  }
}
