// The SDK without any node: import: client, producer, consumer, codec types and
// the Transport interface, and the browser-safe transports: WebSocket (the
// native one in browsers) and HTTP.
export {
  Consumers,
  IggyClient,
  Partitionings,
  PollingStrategies,
  U64_MAX,
  messageKeyBytes,
  toIdentifier,
  type ClientOptions,
  type Credentials,
  type Id,
  type MessageKey,
  type PollOptions,
  type SendMessage,
  type SessionCall,
  type SessionHook,
  type TopicOptions,
} from './client.js';
export type { ConnectionEvents, ConnectionState, ReconnectOptions } from './connection.js';
export type { Command, Dispatcher, DispatcherEvents, DispatcherState, RequestOptions, Session } from './dispatcher.js';
export { Connection, type ConnectionOptions } from './connection.js';
export { Consumer, type ConsumedMessage, type ConsumerOptions } from './consumer.js';
export { Producer, type ProducerMessage, type ProducerOptions } from './producer.js';
export { QueuedIterator } from './queued_iterator.js';
export { SDK_LIMITS } from './limits.js';
export type { Transport, TransportFactory, TransportHandlers } from './transport/transport.js';
export { ResponseFrameReader } from './transport/frame_reader.js';
export { WsTransport, ws, type WebSocketConstructor, type WebSocketLike, type WsOptions, type WsTlsOptions } from './transport/ws/ws_transport.js';
export { HttpDispatcher, type AccessToken, type HttpDispatcherOptions } from './transport/http/http_dispatcher.js';
export { ERROR_CODE, IggyError, errorName, isIggyError, isRetriable, retriableOf, type Retriable } from '../src/errors/iggy_error.js';
export { headerValue, headerValueToJs } from '../src/protocol/user_headers.js';
export {
  CompressionAlgorithm,
  ConsumerKind,
  HeaderKind,
  Identifier,
  PartitioningKind,
  PollingKind,
  UserStatus,
  type Consumer as ConsumerSpec,
  type Partitioning,
  type Permissions,
  type PolledMessage,
  type PollingStrategy,
  type UserHeader,
} from '../src/protocol/types.js';
export { SnapshotCompression, SnapshotType } from '../src/protocol/commands/system/get_snapshot.js';
