// LogoutUser — 39 (BINARY.md §8.16). Request: empty. Response: empty OK.
import { type CommandCodec, EMPTY_CODEC } from '../../codec.js';

export type LogoutUserRequest = void;
export type LogoutUserResponse = void;

export const logoutUser: CommandCodec<LogoutUserRequest, LogoutUserResponse> = {
  code: 39,
  name: 'LogoutUser',
  request: EMPTY_CODEC,
  response: EMPTY_CODEC,
};
