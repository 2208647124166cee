// Shared by the samples: connect with the chosen transport and make sure the
// stream and topic exist.
import { readFileSync } from 'node:fs';
import { IggyClient, IggyError, tcp } from '../sdk/index.js';
import type { CONNECTION_ARGS } from './args.js';

export async function connectSample(args: { [K in keyof typeof CONNECTION_ARGS]: string }): Promise<IggyClient> {
  if (args.transport !== 'tcp' && args.transport !== 'tls') throw new Error(`transport ${args.transport}: this build has tcp and tls`);
  const transport = tcp({
    host: args.host,
    port: Number(args.port),
    ...(args.transport === 'tls'
      ? { tls: { verify: args['tls-verify'] !== 'false', ...(args['tls-ca'] ? { ca: readFileSync(args['tls-ca']) } : {}) } }
      : {}),
  });
  const client = await IggyClient.connect({
    transport,
    auth: args.token ? { token: args.token } : { username: args.username, password: args.password },
  });
  client.on('disconnect', (error) => console.error(`disconnected: ${error.message}; reconnecting`));
  client.on('reconnect', ({ attempts }) => console.error(`reconnected after ${attempts} attempt(s)`));
  await ensureTopic(client, args.stream, args.topic, Number(args.partitions));
  return client;
}

async function ensureTopic(client: IggyClient, stream: string, topic: string, partitionsCount: number): Promise<void> {
  if ((await client.streams.get(stream)) === null) {
    await client.streams.create(stream).catch((error: unknown) => {
      if (!(error instanceof IggyError && error.errorName === 'StreamNameAlreadyExists')) throw error;
    });
  }
  if ((await client.topics.get(stream, topic)) === null) {
    await client.topics.create(stream, { name: topic, partitionsCount }).catch((error: unknown) => {
      if (!(error instanceof IggyError && error.errorName === 'TopicNameAlreadyExists')) throw error;
    });
  }
}
