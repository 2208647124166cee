// Moved to src/server/ops/streams/resolve.ts (operations resolve targets now).
// Kept as a re-export so handlers not yet turned into ops (messages, consumer
// groups) still build; delete once nothing imports it.
export * from '../../ops/streams/resolve.js';
