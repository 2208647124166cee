// Users and personal access tokens (records only: hashing and checks live in
// credentials.ts and password.ts). Their records sit in the storage's
// metadata log (storage/metadata/metadata_log.ts) beside the catalogue's, so
// they replay, serialise and survive kill -9 the same way; this store keeps
// their in-memory tables and is the one place that changes them.
import { IggyError } from '../../errors/iggy_error.js';
import { Identifier, type Permissions, type UserStatus } from '../../protocol/types.js';
import { nowUs } from '../../storage/clock.js';
import { IdSlab } from '../../storage/ids.js';
import type { MetadataWriter, RecordApplier, RecordOp } from '../../storage/metadata/metadata_log.js';
import type { StateRecord } from '../../storage/metadata/records.js';
import type { PersonalAccessTokenInfo, UserInfo } from '../../storage/types.js';

const tokenKey = (userId: number, name: string): string => `${userId}:${name}`;

export class UserStore implements RecordApplier {
  readonly #users = new Map<number, UserInfo>();
  readonly #usersByName = new Map<string, number>();
  readonly #userIds = new IdSlab();
  readonly #tokens = new Map<string, PersonalAccessTokenInfo>();
  readonly #tokensByHash = new Map<string, PersonalAccessTokenInfo>();
  #writer: MetadataWriter | null = null;

  /** Where changes are recorded; set once storage has opened its log (and replayed it into this store). */
  attach(writer: MetadataWriter): void {
    this.#writer = writer;
  }

  owns(op: RecordOp): boolean {
    return op.startsWith('user.') || op.startsWith('pat.');
  }

  // ---- reads -----------------------------------------------------------------

  /** Numeric identifier = user id, string = username (BINARY.md §3.1). */
  findUser(id: Identifier): UserInfo | undefined {
    const numeric = id.kind === 'numeric' ? id.value : this.#usersByName.get(id.value);
    return numeric === undefined ? undefined : this.#users.get(numeric);
  }

  listUsers(): UserInfo[] {
    return [...this.#users.values()].sort((a, b) => a.id - b.id);
  }

  listPersonalAccessTokens(userId: number): PersonalAccessTokenInfo[] {
    return [...this.#tokens.values()].filter((token) => token.userId === userId);
  }

  findPersonalAccessTokenByHash(tokenHash: string): PersonalAccessTokenInfo | undefined {
    return this.#tokensByHash.get(tokenHash);
  }

  // ---- changes -----------------------------------------------------------------

  createUser(user: Omit<UserInfo, 'id' | 'createdAtUs'>): Promise<UserInfo> {
    const writer = this.#write();
    return writer.run(async () => {
      if (this.#usersByName.has(user.username)) throw IggyError.of('UserAlreadyExists', user.username);
      const id = this.#userIds.allocate();
      const { username, status, permissions, passwordHash } = user;
      const record: StateRecord = { op: 'user.create', id, createdAtUs: nowUs(), username, status, permissions, passwordHash };
      try {
        await writer.commit(record);
      } catch (error) {
        if (!this.#users.has(id)) this.#userIds.release(id);
        throw error;
      }
      return this.#users.get(id)!;
    });
  }

  updateUser(id: Identifier, changes: { username?: string; status?: UserStatus }): Promise<void> {
    return this.#change(() => {
      const user = this.#user(id);
      const holder = changes.username === undefined ? undefined : this.#usersByName.get(changes.username);
      if (holder !== undefined && holder !== user.id) throw IggyError.of('UserAlreadyExists', changes.username!);
      return { op: 'user.update', id: user.id, ...changes };
    });
  }

  updatePermissions(id: Identifier, permissions: Permissions | null): Promise<void> {
    return this.#change(() => ({ op: 'user.permissions', id: this.#user(id).id, permissions }));
  }

  changePasswordHash(id: Identifier, passwordHash: string): Promise<void> {
    return this.#change(() => ({ op: 'user.password', id: this.#user(id).id, passwordHash }));
  }

  /** Removes the user and every token of theirs. */
  deleteUser(id: Identifier): Promise<void> {
    return this.#change(() => ({ op: 'user.delete', id: this.#user(id).id }));
  }

  createPersonalAccessToken(token: PersonalAccessTokenInfo): Promise<void> {
    return this.#change(() => {
      this.#user({ kind: 'numeric', value: token.userId });
      if (this.#tokens.has(tokenKey(token.userId, token.name))) {
        throw IggyError.of('PersonalAccessTokenAlreadyExists', `${token.name} of user ${token.userId}`);
      }
      return { op: 'pat.create', userId: token.userId, name: token.name, tokenHash: token.tokenHash, expiryAtUs: token.expiryAtUs };
    });
  }

  deletePersonalAccessToken(userId: number, name: string): Promise<void> {
    return this.#change(() => {
      if (!this.#tokens.has(tokenKey(userId, name))) throw IggyError.of('ResourceNotFound', `token ${name} of user ${userId}`);
      return { op: 'pat.delete', userId, name };
    });
  }

  #write(): MetadataWriter {
    if (this.#writer === null) throw IggyError.of('Error', 'the user store is not attached to a metadata log');
    return this.#writer;
  }

  /** Checks and builds the record on the queue's turn, so checks see every earlier change. */
  #change(build: () => StateRecord): Promise<void> {
    const writer = this.#write();
    return writer.run(() => writer.commit(build()));
  }

  #user(id: Identifier): UserInfo {
    const user = this.findUser(id);
    if (user === undefined) throw IggyError.of('ResourceNotFound', `user ${Identifier.toString(id)}`);
    return user;
  }

  // ---- replay and live application -------------------------------------------------

  apply(record: StateRecord): void {
    switch (record.op) {
      case 'user.create':
        this.#userIds.take(record.id);
        this.#users.set(record.id, {
          id: record.id, createdAtUs: record.createdAtUs, username: record.username,
          status: record.status, permissions: record.permissions, passwordHash: record.passwordHash,
        });
        this.#usersByName.set(record.username, record.id);
        return;
      case 'user.update':
        return this.#applyUpdate(record);
      case 'user.permissions':
        this.#patch(record.id, (user) => (user.permissions = record.permissions));
        return;
      case 'user.password':
        this.#patch(record.id, (user) => (user.passwordHash = record.passwordHash));
        return;
      case 'user.delete':
        return this.#applyDelete(record.id);
      case 'pat.create': {
        const token: PersonalAccessTokenInfo = { userId: record.userId, name: record.name, tokenHash: record.tokenHash, expiryAtUs: record.expiryAtUs };
        this.#tokens.set(tokenKey(record.userId, record.name), token);
        this.#tokensByHash.set(record.tokenHash, token);
        return;
      }
      case 'pat.delete': {
        const token = this.#tokens.get(tokenKey(record.userId, record.name));
        if (token !== undefined) this.#forgetToken(token);
        return;
      }
      default:
        throw IggyError.of('Error', `the user store does not apply ${record.op}`);
    }
  }

  #patch(id: number, change: (user: UserInfo) => void): void {
    const user = this.#users.get(id);
    if (user !== undefined) change(user);
  }

  #applyUpdate(record: Extract<StateRecord, { op: 'user.update' }>): void {
    const user = this.#users.get(record.id);
    if (user === undefined) return;
    if (record.username !== undefined) {
      this.#usersByName.delete(user.username);
      user.username = record.username;
      this.#usersByName.set(record.username, record.id);
    }
    if (record.status !== undefined) user.status = record.status;
  }

  #applyDelete(id: number): void {
    const user = this.#users.get(id);
    if (user === undefined) return;
    this.#users.delete(id);
    this.#usersByName.delete(user.username);
    this.#userIds.release(id);
    for (const token of [...this.#tokens.values()]) if (token.userId === id) this.#forgetToken(token);
  }

  #forgetToken(token: PersonalAccessTokenInfo): void {
    this.#tokens.delete(tokenKey(token.userId, token.name));
    if (this.#tokensByHash.get(token.tokenHash) === token) this.#tokensByHash.delete(token.tokenHash);
  }
}
