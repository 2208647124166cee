// GetClients — 22 (BINARY.md §8.7). Request: empty.
// Response: ClientRecords back to back (no consumer-group triples); empty = [].
import { type CommandCodec, EMPTY_CODEC, listCodec } from '../../codec.js';
import { type ClientRecord, clientRecordSizeBytes, readClientRecord, writeClientRecord } from '../../records/client_record.js';

export type GetClientsRequest = void;
export type GetClientsResponse = readonly ClientRecord[];

export const getClients: CommandCodec<GetClientsRequest, GetClientsResponse, void, ClientRecord[]> = {
  code: 22,
  name: 'GetClients',
  request: EMPTY_CODEC,
  response: listCodec(clientRecordSizeBytes, writeClientRecord, readClientRecord),
};
