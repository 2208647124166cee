// user (u), pat, login (li) and logout (lo). Permissions use Iggy 0.8's
// names: -g "m_srv,r_srv,..." (or the long names) for global ones, -s
// "<stream_id>#m_str,r_str,..." per stream (topic-level ones are not taken
// here). `login` creates the personal access token iggy-cli-session, as
// Iggy's CLI does, and keeps its raw value for the active context.
import { IggyError } from '../../../src/errors/iggy_error.js';
import type { GlobalPermissions, Permissions, StreamPermissions } from '../../../src/protocol/types.js';
import { UserStatus } from '../../../src/protocol/types.js';
import type { OptionSpec } from '../argv.js';
import { record, rows, text } from '../output.js';
import { parseDurationUs, parseId, parseU32 } from '../values.js';
import { formatTimeUs } from '../values.js';
import { type CommandArgs, type CommandGroup, type CommandSpec, LIST_MODE, need } from './types.js';

export const SESSION_TOKEN_NAME = 'iggy-cli-session';

const GLOBAL: Record<string, keyof GlobalPermissions> = {
  m_srv: 'manageServers', manage_servers: 'manageServers', r_srv: 'readServers', read_servers: 'readServers',
  m_usr: 'manageUsers', manage_users: 'manageUsers', r_usr: 'readUsers', read_users: 'readUsers',
  m_str: 'manageStreams', manage_streams: 'manageStreams', r_str: 'readStreams', read_streams: 'readStreams',
  m_top: 'manageTopics', manage_topics: 'manageTopics', r_top: 'readTopics', read_topics: 'readTopics',
  p_msg: 'pollMessages', poll_messages: 'pollMessages', s_msg: 'sendMessages', send_messages: 'sendMessages',
};
const STREAM: Record<string, Exclude<keyof StreamPermissions, 'topics'>> = {
  m_str: 'manageStream', manage_stream: 'manageStream', r_str: 'readStream', read_stream: 'readStream',
  m_top: 'manageTopics', manage_topics: 'manageTopics', r_top: 'readTopics', read_topics: 'readTopics',
  p_msg: 'pollMessages', poll_messages: 'pollMessages', s_msg: 'sendMessages', send_messages: 'sendMessages',
};

function flags<K extends string>(list: string, table: Record<string, K>, keys: K[]): Record<K, boolean> {
  const out = Object.fromEntries(keys.map((k) => [k, false])) as Record<K, boolean>;
  for (const name of list.split(',').filter((s) => s !== '')) {
    const key = table[name.trim()];
    if (key === undefined) throw IggyError.of('InvalidFormat', `unknown permission ${name}`);
    out[key] = true;
  }
  return out;
}

function permissionsOf(args: CommandArgs): Permissions | null {
  const global = args.opt['global-permissions'];
  const streams = (args.opt['stream-permissions'] as string[] | undefined) ?? [];
  if (global === undefined && streams.length === 0) return null;
  const permissions: Permissions = {
    global: flags(String(global ?? ''), GLOBAL, [...new Set(Object.values(GLOBAL))]),
    streams: new Map(),
  };
  for (const spec of streams) {
    const [idText, list = ''] = spec.split('#');
    const perms = flags(list, STREAM, [...new Set(Object.values(STREAM))]);
    permissions.streams.set(parseU32(idText, 'stream id in --stream-permissions'), { ...perms, topics: new Map() });
  }
  return permissions;
}

const PERMISSION_OPTIONS: OptionSpec[] = [
  { long: 'global-permissions', short: 'g', kind: 'value' },
  { long: 'stream-permissions', short: 's', kind: 'value', repeat: true },
];

function statusOf(text: string | undefined): UserStatus {
  if (text === undefined || text === 'active') return UserStatus.Active;
  if (text === 'inactive') return UserStatus.Inactive;
  throw IggyError.of('InvalidUserStatus', `status must be active or inactive (got ${text})`);
}

const statusName = (status: number): string => (status === UserStatus.Active ? 'active' : 'inactive');
const userId = (args: CommandArgs) => parseId(need(args, 'user_id'), 'user id');

export const userCommands: CommandGroup = {
  name: 'user',
  aliases: ['u'],
  summary: 'users: create, delete, get, list, name, status, password, permissions',
  actions: [
    {
      name: 'create', aliases: ['c'], summary: 'create a user', args: ['username', 'password'],
      options: [{ long: 'user-status', short: 'u', kind: 'value' }, ...PERMISSION_OPTIONS],
      async run(cx, args) {
        const user = await (await cx.client()).users.create({
          username: need(args, 'username'),
          password: need(args, 'password'),
          status: statusOf(args.opt['user-status'] as string | undefined),
          permissions: permissionsOf(args),
        });
        return text(`User ${user.username} created with ID ${user.id}`, { id: user.id, username: user.username });
      },
    },
    {
      name: 'delete', aliases: ['d'], summary: 'delete a user', args: ['user_id'],
      async run(cx, args) {
        await (await cx.client()).users.delete(userId(args));
        return text(`User ${need(args, 'user_id')} deleted`);
      },
    },
    {
      name: 'get', aliases: ['g'], summary: 'user details', args: ['user_id'],
      async run(cx, args) {
        const user = await (await cx.client()).users.get(userId(args));
        if (user === null) throw IggyError.of('ResourceNotFound', `user ${need(args, 'user_id')} not found`);
        const global = user.permissions?.global;
        const granted = global === undefined ? 'none' : Object.entries(global).filter(([, v]) => v).map(([k]) => k).join(',') || 'none';
        return record({ id: user.id, username: user.username, status: statusName(user.status), createdAt: formatTimeUs(user.createdAtUs), globalPermissions: granted }, `User ${user.username}`);
      },
    },
    {
      name: 'list', aliases: ['l'], summary: 'list users', options: [LIST_MODE],
      async run(cx) {
        const users = await (await cx.client()).users.list();
        return rows(users.map((u) => ({ id: u.id, username: u.username, status: statusName(u.status), createdAt: formatTimeUs(u.createdAtUs) })));
      },
    },
    {
      name: 'name', aliases: ['n'], summary: 'rename a user', args: ['user_id', 'username'],
      async run(cx, args) {
        await (await cx.client()).users.update(userId(args), { username: need(args, 'username') });
        return text(`User ${need(args, 'user_id')} renamed to ${need(args, 'username')}`);
      },
    },
    {
      name: 'status', aliases: ['s'], summary: 'activate or deactivate a user', args: ['user_id', 'status'],
      async run(cx, args) {
        await (await cx.client()).users.update(userId(args), { status: statusOf(need(args, 'status')) });
        return text(`User ${need(args, 'user_id')} is now ${need(args, 'status')}`);
      },
    },
    {
      name: 'password', aliases: ['pwd'], summary: 'change a password', args: ['user_id', 'current_password', 'new_password'],
      async run(cx, args) {
        await (await cx.client()).users.changePassword(userId(args), need(args, 'current_password'), need(args, 'new_password'));
        return text(`Password of user ${need(args, 'user_id')} changed`);
      },
    },
    {
      name: 'permissions', aliases: ['p'], summary: 'set a user\'s permissions', args: ['user_id'], options: PERMISSION_OPTIONS,
      async run(cx, args) {
        await (await cx.client()).users.updatePermissions(userId(args), permissionsOf(args));
        return text(`Permissions of user ${need(args, 'user_id')} updated`);
      },
    },
  ],
};

/** "1h 30m" after `pat create <name>` / `login`; none, never or unlimited = no expiry. */
function expiryUsOf(words: string[]): bigint {
  const joined = words.join(' ').trim();
  if (joined === '' || joined === 'none' || joined === 'never' || joined === 'never_expire' || joined === 'unlimited') return 0n;
  return parseDurationUs(joined, 'expiry');
}

export const patCommands: CommandGroup = {
  name: 'pat',
  summary: 'personal access tokens: create, delete, list',
  actions: [
    {
      name: 'create', aliases: ['c'], summary: 'create a token (printed once)', args: ['name', 'expiry...'],
      options: [{ long: 'store-token', short: 's', kind: 'flag' }],
      async run(cx, args) {
        const token = await (await cx.client()).tokens.create(need(args, 'name'), expiryUsOf(args.rest));
        if (args.opt['store-token'] === true) {
          cx.session.config.storeToken(need(args, 'name'), token);
          return text(`Personal access token ${need(args, 'name')} created and stored (log in with -n ${need(args, 'name')})`, { name: need(args, 'name') });
        }
        return text(`Personal access token ${need(args, 'name')} created: ${token}`, { name: need(args, 'name'), token });
      },
    },
    {
      name: 'delete', aliases: ['d'], summary: 'delete a token', args: ['name'],
      async run(cx, args) {
        await (await cx.client()).tokens.delete(need(args, 'name'));
        return text(`Personal access token ${need(args, 'name')} deleted`);
      },
    },
    {
      name: 'list', aliases: ['l'], summary: 'list tokens', options: [LIST_MODE],
      async run(cx) {
        const tokens = await (await cx.client()).tokens.list();
        return rows(tokens.map((t) => ({ name: t.name, expiryAt: t.expiryAtUs === null ? 'never' : formatTimeUs(t.expiryAtUs) })), ['name', 'expiryAt']);
      },
    },
  ],
};

export const loginCommand: CommandSpec = {
  name: 'login', aliases: ['li'], summary: 'log in and keep a session token for the active context', args: ['expiry...'],
  async run(cx, args) {
    const client = await cx.client();
    const existing = await client.tokens.list();
    // A stale session token on the server would make the create fail: replace it.
    if (existing.some((t) => t.name === SESSION_TOKEN_NAME)) await client.tokens.delete(SESSION_TOKEN_NAME);
    const token = await client.tokens.create(SESSION_TOKEN_NAME, expiryUsOf(args.rest));
    const { contextName } = cx.session.target();
    cx.session.config.setSecrets(contextName, { ...cx.session.config.secrets(contextName), session_token: token });
    await cx.session.reset();
    return text(`Logged in; session token stored for context ${contextName}`, { context: contextName });
  },
};

export const logoutCommand: CommandSpec = {
  name: 'logout', aliases: ['lo'], summary: 'delete the session token of the active context',
  async run(cx) {
    const { contextName } = cx.session.target();
    const secrets = cx.session.config.secrets(contextName);
    if (secrets.session_token === undefined) return text(`Not logged in (context ${contextName})`, { context: contextName, loggedIn: false });
    try {
      const client = await cx.client();
      await client.tokens.delete(SESSION_TOKEN_NAME);
    } finally {
      // The local copy goes even if the server is gone: it must not be reused.
      const { session_token: _dropped, ...rest } = secrets;
      cx.session.config.setSecrets(contextName, rest);
      await cx.session.reset();
    }
    return text(`Logged out (context ${contextName})`, { context: contextName, loggedIn: false });
  },
};
