// Who a login proves to be: the username/password check of LoginUser and the
// token check of LoginWithPersonalAccessToken, shared by the binary handlers
// and the HTTP login routes so both answer the same codes (BINARY.md §6,
// §8.15, §8.20; HTTP.md §2.3). Length rules are not checked here: Iggy checks
// them on the binary path only (HTTP logins simply fail the lookup with 42).
import { IggyError } from '../../errors/iggy_error.js';
import type { PersonalAccessTokenInfo, UserInfo } from '../../protocol/model.js';
import { type Identifier, UserStatus } from '../../protocol/types.js';
import { hashPassword, verifyPassword } from './password.js';
import { hashToken, isTokenExpired } from './token.js';

/** The lookups a credential check needs (the user store, whichever object holds it). */
export interface CredentialStore {
  findUser(id: Identifier): UserInfo | undefined;
  findPersonalAccessTokenByHash(tokenHash: string): PersonalAccessTokenInfo | undefined;
}

// Hashed once, on the first unknown-user login, then reused: verifying
// against it costs what a real user's check costs.
let dummyHash: Promise<string> | null = null;

/**
 * LoginUser's username lookup (BINARY.md §6 quirk): Iggy parses the text as an
 * Identifier, so a username of digits only that fits in u32 is a user id.
 */
export function loginIdentifier(username: string): Identifier {
  if (/^\d+$/.test(username)) {
    const value = Number(username);
    if (value <= 0xffff_ffff) return { kind: 'numeric', value };
  }
  return { kind: 'string', value: username };
}

/**
 * The user a username and password prove to be. Unknown user -> 42, after one
 * hash verification all the same, so response time does not reveal which
 * names exist; inactive -> 47, checked before the password as Iggy 0.8 does;
 * wrong password -> 42.
 */
export async function verifyCredentials(store: CredentialStore, username: string, password: string): Promise<UserInfo> {
  const user = store.findUser(loginIdentifier(username));
  if (user === undefined) {
    dummyHash ??= hashPassword('not a real password');
    await verifyPassword(password, await dummyHash);
    throw IggyError.of('InvalidCredentials', 'unknown user or wrong password');
  }
  if (user.status !== UserStatus.Active) throw IggyError.of('UserInactive', `user ${user.id} is inactive`);
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw IggyError.of('InvalidCredentials', 'unknown user or wrong password');
  }
  return user;
}

/**
 * The owner of a raw personal access token at `nowUs` (µs since epoch).
 * Unknown token -> ResourceNotFound (20, not 53, as Iggy 0.8); expired -> 54;
 * owner missing -> 20; owner inactive -> 47.
 */
export function verifyPersonalAccessToken(store: CredentialStore, token: string, nowUs: bigint): UserInfo {
  const found = store.findPersonalAccessTokenByHash(hashToken(token));
  if (found === undefined) throw IggyError.of('ResourceNotFound', 'unknown personal access token');
  if (isTokenExpired(found.expiryAtUs, nowUs)) throw IggyError.of('PersonalAccessTokenExpired', `token "${found.name}" expired`);
  const user = store.findUser({ kind: 'numeric', value: found.userId });
  if (user === undefined) throw IggyError.of('ResourceNotFound', `owner ${found.userId} of token "${found.name}"`);
  if (user.status !== UserStatus.Active) throw IggyError.of('UserInactive', `user ${user.id} is inactive`);
  return user;
}
