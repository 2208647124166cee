// The data-plane handlers: streams, topics, partitions, segments, messages,
// consumer offsets and consumer groups (BINARY.md §8.21–§8.47). The registry
// (handlers/index.ts) appends them to the control-plane handlers.
import type { CommandHandler } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler has its own request type
export const DATA_PLANE_HANDLERS: readonly CommandHandler<any>[] = [];
