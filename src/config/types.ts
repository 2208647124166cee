// The typed server configuration loadConfig returns (config.ts): Iggy 0.8's
// sections and key names, sizes in bytes, durations in µs.
import type { ClusterConfig } from './cluster.js';

/** Parsed, typed configuration. Sizes in bytes, durations in µs; Infinity = unlimited / none. */
export interface ServerConfig {
  system: {
    path: string;
    core: 'auto' | 'wasm' | 'ts';
    segment: { size: number; cache_indexes: 'all' | 'open_segment' | 'none'; archive_expired: boolean };
    partition: {
      messages_required_to_save: number;
      size_of_messages_required_to_save: number;
      enforce_fsync: boolean;
      validate_checksum: boolean;
    };
    state: { enforce_fsync: boolean };
    topic: { message_expiry: number; max_size: number };
    message_deduplication: { enabled: boolean; max_entries: number; expiry: number };
    compression: { default_algorithm: 'none' | 'gzip'; allow_override: boolean };
    cache: { size: number };
  };
  tcp: {
    enabled: boolean;
    address: string;
    ipv6: boolean;
    tls: { enabled: boolean; cert_file: string; key_file: string };
    socket: { override_defaults: boolean; nodelay: boolean; keepalive: boolean };
  };
  quic: {
    enabled: boolean;
    address: string;
    max_concurrent_bidi_streams: number;
    datagram_send_buffer_size: number;
    initial_mtu: number;
    send_window: number;
    receive_window: number;
    keep_alive_interval: number;
    max_idle_timeout: number;
    alpn: string;
    certificate: { self_signed: boolean; cert_file: string; key_file: string };
  };
  http: {
    enabled: boolean;
    address: string;
    max_request_size: number;
    web_ui: boolean;
    tls: { enabled: boolean; cert_file: string; key_file: string };
    jwt: {
      algorithm: 'HS256' | 'HS384' | 'HS512' | 'RS256' | 'RS384' | 'RS512';
      issuer: string;
      audience: string;
      access_token_expiry: number;
      clock_skew: number;
      not_before: number;
      encoding_secret: string;
      decoding_secret: string;
    };
    cors: { enabled: boolean; allowed_origins: string };
    metrics: { enabled: boolean; endpoint: string };
  };
  websocket: {
    enabled: boolean;
    address: string;
    read_buffer_size: number;
    write_buffer_size: number;
    max_write_buffer_size: number;
    max_message_size: number;
    max_frame_size: number;
    accept_unmasked_frames: boolean;
    tls: { enabled: boolean; self_signed: boolean; cert_file: string; key_file: string };
  };
  cluster: ClusterConfig;
  message_saver: { enabled: boolean; interval: number };
  data_maintenance: { messages: { cleaner_enabled: boolean; interval: number } };
  personal_access_token: { max_tokens_per_user: number; cleaner: { enabled: boolean; interval: number } };
  heartbeat: { enabled: boolean; interval: number };
  consumer_group: { rebalancing_timeout: number; rebalancing_check_interval: number };
  limits: {
    frame_size_max: number;
    messages_per_batch_max: number;
    connections_max: number;
    pending_requests_per_connection_max: number;
    pending_response_bytes_per_connection_max: number;
    poll_messages_max: number;
  };
  /** Root credentials for the first start (IGGY_ROOT_USERNAME / IGGY_ROOT_PASSWORD, or --with-default-root-credentials). */
  root: { username: string; password: string | null };
}
