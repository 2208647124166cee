// GetStats — 10 (BINARY.md §8.2). Request: empty. Response: Stats (records/stats.ts).
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type Stats, readStats, statsSizeBytes, writeStats } from '../../records/stats.js';

export type GetStatsRequest = void;
export type GetStatsResponse = Stats;

export const getStats: CommandCodec<GetStatsRequest, GetStatsResponse> = {
  code: 10,
  name: 'GetStats',
  request: EMPTY_CODEC,
  response: defineCodec(statsSizeBytes, writeStats, readStats),
};
