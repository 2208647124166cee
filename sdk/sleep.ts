// Cancellable sleep for backoff and poll intervals (browser-safe).
export interface Sleep {
  readonly promise: Promise<void>;
  cancel(): void;
}

export function sleep(ms: number): Sleep {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake!: () => void;
  const promise = new Promise<void>((resolve) => {
    wake = resolve;
    timer = setTimeout(resolve, ms);
  });
  return {
    promise,
    cancel() {
      clearTimeout(timer);
      wake();
    },
  };
}
