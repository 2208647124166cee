// Protocol value types shared by codecs, server, storage and SDK (BINARY.md §3).
// Browser-safe: types and tiny constructors only.

/** Identifier: numeric (u32, 0-based id) or string (1..=255 UTF-8 bytes, exact match). */
export type Identifier = { readonly kind: 'numeric'; readonly value: number } | { readonly kind: 'string'; readonly value: string };

export const Identifier = {
  numeric: (value: number): Identifier => ({ kind: 'numeric', value }),
  string: (value: string): Identifier => ({ kind: 'string', value }),
  /** A number is numeric, a string a name (even when it looks like a number). */
  from: (value: number | string | Identifier): Identifier =>
    typeof value === 'number' ? { kind: 'numeric', value } : typeof value === 'string' ? { kind: 'string', value } : value,
  toString: (id: Identifier): string => (id.kind === 'numeric' ? `#${id.value}` : JSON.stringify(id.value)),
};

export const ConsumerKind = { Consumer: 1, ConsumerGroup: 2 } as const;
export type ConsumerKind = (typeof ConsumerKind)[keyof typeof ConsumerKind];

/** Consumer: a single consumer (kind 1) or a consumer group (kind 2), by identifier. */
export interface Consumer {
  readonly kind: ConsumerKind;
  readonly id: Identifier;
}

export const PollingKind = { Offset: 1, Timestamp: 2, First: 3, Last: 4, Next: 5 } as const;
export type PollingKind = (typeof PollingKind)[keyof typeof PollingKind];

/** value: offset for Offset, µs timestamp for Timestamp, ignored (0n) otherwise. */
export interface PollingStrategy {
  readonly kind: PollingKind;
  readonly value: bigint;
}

export const PartitioningKind = { Balanced: 1, PartitionId: 2, MessagesKey: 3 } as const;
export type PartitioningKind = (typeof PartitioningKind)[keyof typeof PartitioningKind];

export type Partitioning =
  | { readonly kind: 1 } // balanced
  | { readonly kind: 2; readonly partitionId: number }
  | { readonly kind: 3; readonly key: Uint8Array }; // 0..=255 bytes

export const CompressionAlgorithm = { None: 1, Gzip: 2 } as const;
export type CompressionAlgorithm = (typeof CompressionAlgorithm)[keyof typeof CompressionAlgorithm];

export const UserStatus = { Active: 1, Inactive: 2 } as const;
export type UserStatus = (typeof UserStatus)[keyof typeof UserStatus];

export const Transport = { Tcp: 1, Quic: 2, Http: 3, WebSocket: 4 } as const;
export type Transport = (typeof Transport)[keyof typeof Transport];

/** u64::MAX: "never expire" / "unlimited" on the wire (BINARY.md §3.9). */
export const U64_MAX = 0xffff_ffff_ffff_ffffn;
/** The largest u32 field value: ids, counts, lengths and positions in a segment. */
export const U32_MAX = 0xffff_ffff;

export interface GlobalPermissions {
  manageServers: boolean;
  readServers: boolean;
  manageUsers: boolean;
  readUsers: boolean;
  manageStreams: boolean;
  readStreams: boolean;
  manageTopics: boolean;
  readTopics: boolean;
  pollMessages: boolean;
  sendMessages: boolean;
}

export interface TopicPermissions {
  manageTopic: boolean;
  readTopic: boolean;
  pollMessages: boolean;
  sendMessages: boolean;
}

export interface StreamPermissions {
  manageStream: boolean;
  readStream: boolean;
  manageTopics: boolean;
  readTopics: boolean;
  pollMessages: boolean;
  sendMessages: boolean;
  /** Keyed by numeric topic id; iteration in ascending id order when encoded. */
  topics: Map<number, TopicPermissions>;
}

export interface Permissions {
  global: GlobalPermissions;
  /** Keyed by numeric stream id. */
  streams: Map<number, StreamPermissions>;
}

/** A message header's fields as decoded (BINARY.md §4.1). */
export interface MessageHeader {
  checksum: bigint;
  id: bigint; // u128
  offset: bigint;
  timestamp: bigint; // µs, server append time
  originTimestamp: bigint;
  userHeadersLength: number;
  payloadLength: number;
  reserved: bigint;
}

/** User header value kinds (BINARY.md §3.7). */
export const HeaderKind = {
  Raw: 1, String: 2, Bool: 3, Int8: 4, Int16: 5, Int32: 6, Int64: 7, Int128: 8,
  Uint8: 9, Uint16: 10, Uint32: 11, Uint64: 12, Uint128: 13, Float32: 14, Float64: 15,
} as const;
export type HeaderKind = (typeof HeaderKind)[keyof typeof HeaderKind];

export interface HeaderValue {
  kind: HeaderKind;
  value: Uint8Array; // raw bytes as on the wire
}

export interface UserHeader {
  key: HeaderValue;
  value: HeaderValue;
}

/** A polled message, decoded for an application (SDK side). */
export interface PolledMessage {
  header: MessageHeader;
  payload: Uint8Array;
  userHeaders: UserHeader[];
}
