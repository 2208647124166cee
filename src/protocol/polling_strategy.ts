// PollingStrategy (BINARY.md §3.5), always 9 bytes:
// [kind u8: 1 offset, 2 timestamp, 3 first, 4 last, 5 next][value u64]
// Unknown kind → InvalidCommand (3).
import { IggyError } from '../errors/iggy_error.js';
import type { Reader, Writer } from './reader.js';
import { PollingKind, type PollingStrategy } from './types.js';

export const POLLING_STRATEGY_BYTES = 9;

export const PollingStrategies = {
  offset: (value: bigint): PollingStrategy => ({ kind: PollingKind.Offset, value }),
  timestamp: (valueUs: bigint): PollingStrategy => ({ kind: PollingKind.Timestamp, value: valueUs }),
  first: (): PollingStrategy => ({ kind: PollingKind.First, value: 0n }),
  last: (): PollingStrategy => ({ kind: PollingKind.Last, value: 0n }),
  next: (): PollingStrategy => ({ kind: PollingKind.Next, value: 0n }),
};

export function readPollingStrategy(reader: Reader): PollingStrategy {
  const kind = reader.u8('polling kind');
  const value = reader.u64('polling value');
  if (kind < PollingKind.Offset || kind > PollingKind.Next) throw IggyError.of('InvalidCommand', `unknown polling kind ${kind}`);
  return { kind: kind as PollingKind, value };
}

export function writePollingStrategy(writer: Writer, strategy: PollingStrategy): Writer {
  return writer.u8(strategy.kind).u64(strategy.value);
}
