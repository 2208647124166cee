// Client-side limits (STYLE.md §7): every queue, window and frame the SDK keeps
// has a named maximum here, overridable per client/producer/consumer through
// its options. Browser-safe.

export const SDK_LIMITS = {
  /** Largest response frame payload accepted; a poll of 100 000 messages fits. */
  responsePayloadBytesMax: 256 * 1024 * 1024,
  /** Requests written but not yet answered on one connection (pipelining window). */
  inFlightRequestsMax: 64,
  /** Requests waiting for a connection (during reconnect) or a pipeline slot. */
  queuedRequestsMax: 10_000,
  /** Default per-request timeout. */
  requestTimeoutMs: 30_000,
  /** Connect attempt timeout. */
  connectTimeoutMs: 10_000,
  /** Reconnect backoff: first delay, cap and attempts (Infinity = forever). */
  reconnectDelayMsMin: 50,
  reconnectDelayMsMax: 5_000,
  reconnectAttemptsMax: Number.POSITIVE_INFINITY,
  /** Producer: messages per SendMessages batch and linger before a partial batch goes. */
  producerBatchMessagesMax: 1_000,
  producerBatchBytesMax: 1024 * 1024,
  producerLingerMs: 5,
  /** Producer: batches sent but not yet acknowledged; `send` awaits beyond this. */
  producerInFlightBatchesMax: 8,
  /** Consumer: messages per poll and the bounded queue between poller and iterator. */
  consumerBatchMessagesMax: 1_000,
  consumerQueueMessagesMax: 10_000,
  consumerPollIntervalMs: 100,
} as const;
