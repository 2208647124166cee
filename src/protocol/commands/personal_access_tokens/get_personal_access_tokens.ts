// GetPersonalAccessTokens — 41 (BINARY.md §8.17). Request: empty.
// Response: entries back to back, each [name Name][expiry_at u64 µs, 0 = never]; empty = [].
import { type CommandCodec, EMPTY_CODEC, listCodec } from '../../codec.js';
import {
  type PersonalAccessTokenRecord,
  personalAccessTokenRecordSizeBytes,
  readPersonalAccessTokenRecord,
  writePersonalAccessTokenRecord,
} from '../../records/personal_access_token_record.js';

export type GetPersonalAccessTokensRequest = void;
export type GetPersonalAccessTokensResponse = readonly PersonalAccessTokenRecord[];

export const getPersonalAccessTokens: CommandCodec<GetPersonalAccessTokensRequest, GetPersonalAccessTokensResponse, void, PersonalAccessTokenRecord[]> = {
  code: 41,
  name: 'GetPersonalAccessTokens',
  request: EMPTY_CODEC,
  response: listCodec(personalAccessTokenRecordSizeBytes, writePersonalAccessTokenRecord, readPersonalAccessTokenRecord),
};
