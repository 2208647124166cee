// A promise chain that runs async steps one at a time, in call order. Each
// partition owns one for its file operations, so appends to one partition are
// serialised without blocking any other partition; the metadata log owns one
// so that concurrent create/delete requests cannot interleave.

export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Runs `step` after every step queued before it; a failed step does not stop later ones. */
  run<T>(step: () => Promise<T>): Promise<T> {
    this.#pending += 1;
    const result = this.#tail.then(step, step);
    const done = (): void => {
      this.#pending -= 1;
    };
    this.#tail = result.then(done, done);
    return result;
  }

  get pending(): number {
    return this.#pending;
  }

  /** Resolves once every step queued so far has finished. */
  drain(): Promise<void> {
    return this.run(async () => undefined);
  }
}
