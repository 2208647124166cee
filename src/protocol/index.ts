// The protocol package: value types, primitives, frames, records and every
// command codec (BINARY.md). Browser-safe: no node: imports anywhere below.
export * from './codec.js';
export * from './codes.js';
export * from './commands/index.js';
export * from './consumer.js';
export * from './frame.js';
export * from './identifier.js';
export * from './layout.js';
export * from './model.js';
export * from './opt_partition.js';
export * from './partitioning.js';
export * from './permissions.js';
export * from './polling_strategy.js';
export * from './reader.js';
export * from './records/index.js';
export * from './types.js';
export * from './user_headers.js';
