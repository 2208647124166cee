// Every queue, frame, batch and connection count has a named maximum here
// (STYLE.md §7). Protocol constants come from BINARY.md / STORAGE.md §6.4 and
// are not configurable; the server-side limits below are, through the
// `limits` config section (IGGY_LIMITS_<KEY>). Browser-safe.

/** Protocol constants of Iggy 0.8 (not configurable there either). */
export const PROTOCOL = {
  /** Non-SendMessages payload cap (BINARY.md §2.1). */
  controlPayloadBytesMax: 10 * 1024 * 1024,
  messagePayloadBytesMax: 64_000_000,
  userHeadersBytesMax: 100_000,
  nameBytesMax: 255,
  usernameBytesMin: 3,
  usernameBytesMax: 50,
  passwordBytesMin: 3,
  passwordBytesMax: 100,
  tokenNameBytesMin: 3,
  tokenNameBytesMax: 30,
  partitionsPerRequestMax: 1000,
} as const;

/** Server limits, configurable; defaults chosen for a 2-core, 24 GiB machine. */
export interface ServerLimits {
  /** Largest accepted request frame (length field), SendMessages included. */
  frameSizeBytesMax: number;
  /** Largest SendMessages batch in messages. */
  messagesPerBatchMax: number;
  /** Open client connections across all transports. */
  connectionsMax: number;
  /** Requests read from one connection but not yet answered before reading pauses. */
  pendingRequestsPerConnectionMax: number;
  /** Bytes queued for writing to one connection before reading pauses. */
  pendingResponseBytesPerConnectionMax: number;
  /** Largest number of messages a single poll may return. */
  pollMessagesMax: number;
  /** HTTP request body cap. */
  httpBodyBytesMax: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  frameSizeBytesMax: 64 * 1024 * 1024 + 1024 * 1024,
  messagesPerBatchMax: 100_000,
  connectionsMax: 10_000,
  pendingRequestsPerConnectionMax: 64,
  pendingResponseBytesPerConnectionMax: 64 * 1024 * 1024,
  pollMessagesMax: 100_000,
  httpBodyBytesMax: 2_000_000,
};
