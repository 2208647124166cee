// Moved to src/server/ops/consumer_offsets/resolve_consumer.ts. Kept as a
// re-export so PollMessages' handler still builds; delete once nothing imports it.
export * from '../../ops/consumer_offsets/resolve_consumer.js';
