// UserRecord (BINARY.md §8.0), 14 + N bytes:
//   [id u32][created_at u64][status u8 1 active 2 inactive][username Name]
// UserDetails = UserRecord + response permissions wrapper (§3.6):
//   [1][perm_len u32][PermBytes] or 00 00 00 00.
import { readResponsePermissions, responsePermissionsSizeBytes, writeResponsePermissions } from '../permissions.js';
import { type Reader, type Writer, str8SizeBytes } from '../reader.js';
import type { Permissions, UserStatus } from '../types.js';
import { readUserStatus } from './enums.js';

/** The listed fields of a user (UserInfo passes straight through). */
export interface UserRecord {
  id: number;
  createdAtUs: bigint;
  status: UserStatus;
  username: string;
}

export interface UserDetails extends UserRecord {
  permissions: Permissions | null;
}

export const userRecordSizeBytes = (user: UserRecord): number => 13 + str8SizeBytes(user.username);

export function writeUserRecord(writer: Writer, user: UserRecord): void {
  writer.u32(user.id).u64(user.createdAtUs).u8(user.status).name(user.username, 'username');
}

export function readUserRecord(reader: Reader): UserRecord {
  const id = reader.u32('user id');
  const createdAtUs = reader.u64('created_at');
  const status = readUserStatus(reader);
  const username = reader.name('username');
  return { id, createdAtUs, status, username };
}

export const userDetailsSizeBytes = (user: UserDetails): number => userRecordSizeBytes(user) + responsePermissionsSizeBytes(user.permissions);

export function writeUserDetails(writer: Writer, user: UserDetails): void {
  writeUserRecord(writer, user);
  writeResponsePermissions(writer, user.permissions);
}

export function readUserDetails(reader: Reader): UserDetails {
  const record = readUserRecord(reader);
  return { ...record, permissions: readResponsePermissions(reader) };
}
