// GetClient — 21 (BINARY.md §8.6). Request: [client_id u32].
// Response: ClientDetails, or empty (→ null) when the client is unknown.
import { type CommandCodec, defineCodec, nullableCodec } from '../../codec.js';
import { type ClientDetails, clientDetailsSizeBytes, readClientDetails, writeClientDetails } from '../../records/client_record.js';

export interface GetClientRequest {
  clientId: number;
}
export type GetClientResponse = ClientDetails | null;

export const getClient: CommandCodec<GetClientRequest, GetClientResponse> = {
  code: 21,
  name: 'GetClient',
  request: defineCodec(
    () => 4,
    (w, r) => w.u32(r.clientId),
    (reader) => ({ clientId: reader.u32('client id') }),
  ),
  response: nullableCodec(defineCodec(clientDetailsSizeBytes, writeClientDetails, readClientDetails)),
};
