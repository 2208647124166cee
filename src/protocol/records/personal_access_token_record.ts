// Personal access token records (BINARY.md §8.17, §8.18):
//   list entry = [name Name][expiry_at u64 µs timestamp, 0 = never expires]
//   RawToken   = [token Name] (the raw token, shown once)
import { type Reader, type Writer, str8SizeBytes } from '../reader.js';

export interface PersonalAccessTokenRecord {
  name: string;
  /** µs since epoch; null = never expires (0 on the wire). */
  expiryAtUs: bigint | null;
}

export interface RawToken {
  token: string;
}

export const personalAccessTokenRecordSizeBytes = (token: PersonalAccessTokenRecord): number => str8SizeBytes(token.name) + 8;

export function writePersonalAccessTokenRecord(writer: Writer, token: PersonalAccessTokenRecord): void {
  writer.name(token.name, 'token name').u64(token.expiryAtUs ?? 0n);
}

export function readPersonalAccessTokenRecord(reader: Reader): PersonalAccessTokenRecord {
  const name = reader.name('token name');
  const expiryAtUs = reader.u64('expiry_at');
  return { name, expiryAtUs: expiryAtUs === 0n ? null : expiryAtUs };
}

export const rawTokenSizeBytes = (token: RawToken): number => str8SizeBytes(token.token);

export function writeRawToken(writer: Writer, token: RawToken): void {
  writer.name(token.token, 'token');
}

export function readRawToken(reader: Reader): RawToken {
  return { token: reader.name('token') };
}
