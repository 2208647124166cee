// What the user operations hand out: UserDetails / UserRecord without the
// stored password hash, so an HTTP route can serialise the result as it is
// and never leak the hash into JSON.
import type { UserDetails, UserRecord } from '../../../protocol/records/user_record.js';
import type { UserInfo } from '../../../protocol/model.js';

export function userRecordOf(user: UserInfo): UserRecord {
  return { id: user.id, createdAtUs: user.createdAtUs, status: user.status, username: user.username };
}

export function userDetailsOf(user: UserInfo): UserDetails {
  return { ...userRecordOf(user), permissions: user.permissions };
}
