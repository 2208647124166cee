// context (ctx): list (l), use (u), create (c), delete (d). A context names a
// server (transport and addresses) and who to be there; its secrets go to
// credentials.toml (0600), the rest to contexts.toml (src/cli/config.ts).
import { IggyError } from '../../../src/errors/iggy_error.js';
import type { ContextConfig } from '../config.js';
import { rows, text } from '../output.js';
import { TRANSPORTS } from '../session.js';
import { type CommandGroup, LIST_MODE, need } from './types.js';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export const contextCommands: CommandGroup = {
  name: 'context',
  aliases: ['ctx'],
  summary: 'named server contexts: list, use, create, delete',
  actions: [
    {
      name: 'list', aliases: ['l'], summary: 'list contexts (* = active)', options: [LIST_MODE],
      async run(cx) {
        const config = cx.session.config;
        const active = config.activeName();
        return rows(
          Object.entries(config.list()).map(([name, c]) => ({
            active: name === active ? '*' : '',
            name,
            transport: c.transport ?? 'tcp',
            address: c.tcp_server_address ?? c.quic_server_address ?? c.http_api_url ?? c.websocket_server_address ?? null,
            username: c.username ?? null,
            loggedIn: config.secrets(name).session_token !== undefined,
          })),
        );
      },
    },
    {
      name: 'use', aliases: ['u'], summary: 'make a context the active one', args: ['context_name'],
      async run(cx, args) {
        cx.session.config.use(need(args, 'context_name'));
        await cx.session.reset();
        return text(`Context ${need(args, 'context_name')} is now active`);
      },
    },
    {
      name: 'create', aliases: ['c'], summary: 'create or replace a context', args: ['context_name'],
      options: [
        { long: 'transport', kind: 'value' },
        { long: 'tcp-server-address', kind: 'value' },
        { long: 'http-api-url', kind: 'value' },
        { long: 'quic-server-address', kind: 'value' },
        { long: 'websocket-server-address', kind: 'value' },
        { long: 'tcp-tls-enabled', kind: 'bool' },
        { long: 'username', short: 'u', kind: 'value' },
        { long: 'password', short: 'p', kind: 'value' },
        { long: 'token', short: 't', kind: 'value' },
        { long: 'token-name', short: 'n', kind: 'value' },
      ],
      async run(cx, args) {
        const name = need(args, 'context_name');
        if (!NAME.test(name)) throw IggyError.of('InvalidFormat', `context name ${name}: use letters, digits, _ . - (at most 64)`);
        const o = args.opt;
        const transport = o.transport as string | undefined;
        if (transport !== undefined && !(TRANSPORTS as readonly string[]).includes(transport)) {
          throw IggyError.of('InvalidConfiguration', `transport ${transport} is not one of ${TRANSPORTS.join(', ')}`);
        }
        const pick = (key: string): string | undefined => (typeof o[key] === 'string' ? (o[key] as string) : undefined);
        const context: ContextConfig = Object.fromEntries(
          Object.entries({
            transport,
            tcp_server_address: pick('tcp-server-address'),
            http_api_url: pick('http-api-url'),
            quic_server_address: pick('quic-server-address'),
            websocket_server_address: pick('websocket-server-address'),
            tcp_tls_enabled: typeof o['tcp-tls-enabled'] === 'boolean' ? o['tcp-tls-enabled'] : undefined,
            username: pick('username'),
            token_name: pick('token-name'),
          }).filter(([, v]) => v !== undefined),
        );
        cx.session.config.save(name, context);
        const secrets = Object.fromEntries(Object.entries({ password: pick('password'), token: pick('token') }).filter(([, v]) => v !== undefined));
        cx.session.config.setSecrets(name, secrets);
        return text(`Context ${name} created`);
      },
    },
    {
      name: 'delete', aliases: ['d'], summary: 'delete a context and its secrets', args: ['context_name'],
      async run(cx, args) {
        cx.session.config.delete(need(args, 'context_name'));
        await cx.session.reset();
        return text(`Context ${need(args, 'context_name')} deleted`);
      },
    },
  ],
};
