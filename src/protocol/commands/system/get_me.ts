// GetMe — 20 (BINARY.md §8.5). Request: empty.
// Response: ClientDetails of the calling connection (records/client_record.ts).
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type ClientDetails, clientDetailsSizeBytes, readClientDetails, writeClientDetails } from '../../records/client_record.js';

export type GetMeRequest = void;
export type GetMeResponse = ClientDetails;

export const getMe: CommandCodec<GetMeRequest, GetMeResponse> = {
  code: 20,
  name: 'GetMe',
  request: EMPTY_CODEC,
  response: defineCodec(clientDetailsSizeBytes, writeClientDetails, readClientDetails),
};
