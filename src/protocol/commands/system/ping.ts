// Ping — 1 (BINARY.md §8.1). Request: empty (ignored). Response: empty OK.
// Refreshes the connection's heartbeat.
import { type CommandCodec, EMPTY_CODEC } from '../../codec.js';

export type PingRequest = void;
export type PingResponse = void;

export const ping: CommandCodec<PingRequest, PingResponse> = {
  code: 1,
  name: 'Ping',
  request: EMPTY_CODEC,
  response: EMPTY_CODEC,
};
