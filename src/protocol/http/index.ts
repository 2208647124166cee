// Iggy's HTTP binding (HTTP.md), shared by the server's routes and the SDK's
// HTTP dispatcher: exact JSON, the shapes, and one binding per command.
// I/O-free: no node: imports, no fetch, no sockets.
export * from './base64.js';
export * from './binding.js';
export * from './bindings/index.js';
export * from './fields.js';
export * from './json.js';
export * from './messages.js';
export * from './path.js';
export * from './permissions.js';
export * from './shapes.js';
export * from './size.js';
export * from './system_shapes.js';
