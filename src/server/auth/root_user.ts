// Root user bootstrap (BINARY.md §6): on first start (no user with id 0) the
// root user is created with all global permissions, username from
// config.root.username and password from config.root.password — set by
// IGGY_ROOT_PASSWORD or `--with-default-root-credentials` ("iggy") — or else a
// random 20..39-character alphanumeric password, printed once to stdout. An
// existing root user is never changed.
import { randomInt } from 'node:crypto';
import { assert } from '../../assert.js';
import { UserStatus } from '../../protocol/types.js';
import type { UserStore } from './user_store.js';
import { allGlobalPermissions } from './authorizer.js';
import { hashPassword } from './password.js';

export const ROOT_USER_ID = 0;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomRootPassword(): string {
  const length = randomInt(20, 40);
  let password = '';
  for (let i = 0; i < length; i++) password += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return password;
}

export interface RootBootstrap {
  created: boolean;
  /** The generated password, only when one was generated (print it once). */
  generatedPassword: string | null;
}

export async function ensureRootUser(users: UserStore, root: { username: string; password: string | null }): Promise<RootBootstrap> {
  if (users.findUser({ kind: 'numeric', value: ROOT_USER_ID }) !== undefined) return { created: false, generatedPassword: null };
  const generatedPassword = root.password === null ? randomRootPassword() : null;
  const password = root.password ?? generatedPassword!;
  const user = await users.createUser({
    username: root.username,
    status: UserStatus.Active,
    permissions: allGlobalPermissions(),
    passwordHash: await hashPassword(password),
  });
  assert(user.id === ROOT_USER_ID, `root user got id ${user.id}, expected ${ROOT_USER_ID}`);
  return { created: true, generatedPassword };
}
