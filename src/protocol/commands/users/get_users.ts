// GetUsers — 32 (BINARY.md §8.9). Request: empty.
// Response: UserRecords back to back, ascending id; empty = [].
import { type CommandCodec, EMPTY_CODEC, listCodec } from '../../codec.js';
import { type UserRecord, readUserRecord, userRecordSizeBytes, writeUserRecord } from '../../records/user_record.js';

export type GetUsersRequest = void;
export type GetUsersResponse = readonly UserRecord[];

export const getUsers: CommandCodec<GetUsersRequest, GetUsersResponse, void, UserRecord[]> = {
  code: 32,
  name: 'GetUsers',
  request: EMPTY_CODEC,
  response: listCodec(userRecordSizeBytes, writeUserRecord, readUserRecord),
};
