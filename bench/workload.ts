// Turns the arguments into a topology (streams, one topic each, partitions,
// consumer groups) and one ActorSpec per actor, creates the topology on the
// server (numeric ids come from the create responses, so any 0.8 server
// works), fills streams that consumer-only kinds read, and removes it all
// afterwards. Set-up goes through the SDK client (IggyClient); the measured
// traffic does not (see actor.ts). Against the ceiling sink nothing is
// created: stream ids are simply 0..n-1.
import { randomBytes } from 'node:crypto';
import { assert } from '../src/assert.js';
import { Identifier, PartitioningKind } from '../src/protocol/types.js';
import type { ActorRole, ActorSpec } from './actor.js';
import { isGroupKind, type BenchArgs } from './args.js';
import { IggyClient } from '../sdk/client.js';
import type { BenchConnection } from './wire/connection.js';
import { clientTransport, type Endpoint } from './wire/open.js';
import { sendMessagesFrame } from './wire/commands.js';

export const BENCH_TOPIC_NAME = 'bench-topic';

export interface Topology {
  /** Server ids of the bench streams, index = stream number. */
  streamIds: number[];
  /** Topic id inside each stream (one topic per stream). */
  topicIds: number[];
  /** Group number g lives on stream g; its server id. */
  groupIds: number[];
}

/** Stream number of producer p / consumer c: actors spread round-robin over the streams. */
export function streamOf(actor: number, args: BenchArgs): number {
  return actor % args.streams;
}

/** Group of consumer c in group kinds, and thereby its stream. */
export function groupOf(consumer: number, args: BenchArgs): number {
  return consumer % args.consumerGroups;
}

/** Messages each stream receives from the measured producers. */
export function producedPerStream(args: BenchArgs): number[] {
  const perStream = new Array<number>(args.streams).fill(0);
  for (let p = 0; p < args.producers; p++) perStream[streamOf(p, args)]! += args.messageBatches * args.messagesPerBatch;
  return perStream;
}

/**
 * What consumers read. Producer-and-consumer kinds read what is produced
 * meanwhile; consumer-only kinds read streams filled beforehand: a pinned
 * consumer its own batches × messages-per-batch, a group its members' share.
 */
export function consumerTargets(args: BenchArgs): { perConsumer: number[]; perGroup: number[]; fillPerStream: number[] } {
  const batchMessages = args.messageBatches * args.messagesPerBatch;
  const perConsumer: number[] = [];
  const perGroup = new Array<number>(args.consumerGroups).fill(0);
  const fillPerStream = new Array<number>(args.streams).fill(0);
  const produced = producedPerStream(args);
  const group = isGroupKind(args.kind);
  if (args.kind === 'end-to-end-producing-consumer-group') {
    // Each producing consumer sends to its group's stream and reads through the group.
    for (let p = 0; p < args.producers; p++) perGroup[groupOf(p, args)]! += batchMessages;
    return { perConsumer, perGroup, fillPerStream };
  }
  for (let c = 0; c < args.consumers; c++) {
    if (group) {
      const g = groupOf(c, args);
      if (args.kind === 'balanced-consumer-group') {
        perGroup[g]! += batchMessages;
        fillPerStream[g]! += batchMessages;
      } else {
        perGroup[g] = produced[g] ?? 0;
      }
      perConsumer.push(0);
    } else if (args.kind === 'pinned-consumer') {
      const s = streamOf(c, args);
      fillPerStream[s] = Math.max(fillPerStream[s]!, batchMessages);
      perConsumer.push(batchMessages);
    } else {
      perConsumer.push(produced[streamOf(c, args)] ?? 0);
    }
  }
  return { perConsumer, perGroup, fillPerStream };
}

export interface SpecOptions {
  address: Endpoint;
  /** null for the ceiling sink. */
  credentials: { username: string; password: string } | null;
  topology: Topology;
}

export function buildActorSpecs(args: BenchArgs, options: SpecOptions): ActorSpec[] {
  const { topology } = options;
  const targets = consumerTargets(args);
  const group = isGroupKind(args.kind);
  const endToEnd = args.kind.startsWith('end-to-end');
  const movingActors = Math.max(1, args.producers + args.consumers);
  const progress = new SharedArrayBuffer(4 * movingActors);
  const groupCounters = new SharedArrayBuffer(4 * Math.max(1, args.consumerGroups));
  const specs: ActorSpec[] = [];
  const base = (index: number, role: ActorRole, stream: number) => ({
    index,
    role,
    address: options.address,
    credentials: options.credentials,
    streamId: topology.streamIds[stream]!,
    topicId: topology.topicIds[stream]!,
    messageSizeBytes: args.messageSizeBytes,
    messagesPerBatch: args.messagesPerBatch,
    batches: args.messageBatches,
    warmupMs: args.warmupMs,
    rateBytesPerSecond: args.rateLimitBytesPerSecond === undefined ? undefined : args.rateLimitBytesPerSecond / movingActors,
    samplingMs: args.samplingMs,
    progress,
    groupCounters,
    stallTimeoutMs: 30_000,
    inFlight: args.inFlight,
    durationMs: args.durationMs,
  });
  for (let p = 0; p < args.producers; p++) {
    const stream = endToEnd && group ? groupOf(p, args) : streamOf(p, args);
    const balanced = args.kind.startsWith('balanced') || args.kind === 'end-to-end-producing-consumer-group';
    specs.push({
      ...base(specs.length, endToEnd ? 'producing-consumer' : 'producer', stream),
      send: balanced ? { kind: 'balanced' } : { kind: 'partition', partitionId: 0 },
      poll: !endToEnd
        ? null
        : group
          ? { kind: 'group', groupId: topology.groupIds[groupOf(p, args)]! }
          : { kind: 'offset', consumerId: p + 1, partitionId: 0 },
      messagesTarget: endToEnd && group ? targets.perGroup[groupOf(p, args)]! : args.messageBatches * args.messagesPerBatch,
      groupCounterIndex: endToEnd && group ? groupOf(p, args) : 0,
    });
  }
  for (let c = 0; c < args.consumers; c++) {
    const g = groupOf(c, args);
    const stream = group ? g : streamOf(c, args);
    specs.push({
      ...base(specs.length, 'consumer', stream),
      send: { kind: 'partition', partitionId: 0 },
      poll: group ? { kind: 'group', groupId: topology.groupIds[g]! } : { kind: 'offset', consumerId: c + 1, partitionId: 0 },
      messagesTarget: group ? targets.perGroup[g]! : targets.perConsumer[c]!,
      groupCounterIndex: group ? g : 0,
    });
  }
  return specs;
}

/** The ceiling sink needs no set-up: stream numbers are the ids, fresh ones each round (the sink never deletes). */
export function ceilingTopology(args: BenchArgs, round = 0): Topology {
  const ids = Array.from({ length: args.streams }, (_, i) => round * args.streams + i);
  return { streamIds: ids, topicIds: ids.map(() => 0), groupIds: [] };
}

/** An SDK client for set-up and clean-up: no heartbeat, no reconnect (a lost admin connection fails the run). */
export function connectAdmin(address: Endpoint, credentials: { username: string; password: string }): Promise<IggyClient> {
  return IggyClient.connect({
    ...clientTransport(address),
    auth: credentials,
    heartbeatIntervalMs: 0,
    reconnect: false,
  });
}

/** Creates streams, topics and groups; names carry a random tag so runs never collide. */
export async function createTopology(admin: IggyClient, args: BenchArgs): Promise<Topology> {
  const tag = randomBytes(4).toString('hex');
  const topology: Topology = { streamIds: [], topicIds: [], groupIds: [] };
  for (let s = 0; s < args.streams; s++) {
    const stream = await admin.streams.create(`bench-${tag}-${s + 1}`);
    topology.streamIds.push(stream.id);
    const details = await admin.topics.create(stream.id, { name: BENCH_TOPIC_NAME, partitionsCount: args.partitions });
    topology.topicIds.push(details.topic.id);
  }
  if (isGroupKind(args.kind)) {
    for (let g = 0; g < args.consumerGroups; g++) {
      const group = await admin.groups.create(topology.streamIds[g]!, topology.topicIds[g]!, `bench-group-${g + 1}`);
      topology.groupIds.push(group.id);
    }
  }
  return topology;
}

export async function deleteTopology(admin: IggyClient, topology: Topology): Promise<void> {
  for (const streamId of topology.streamIds) await admin.streams.delete(streamId);
}

/**
 * Fills the streams consumer-only kinds read, unmeasured, over one
 * connection. Pinned kinds fill partition 0; group kinds spread batches
 * round-robin over the partitions so every member has something to read.
 */
export async function fillStreams(connection: BenchConnection, args: BenchArgs, topology: Topology, fillPerStream: readonly number[]): Promise<number> {
  let sent = 0;
  const group = isGroupKind(args.kind);
  for (let s = 0; s < fillPerStream.length; s++) {
    const messages = fillPerStream[s]!;
    if (messages === 0) continue;
    assert(messages % args.messagesPerBatch === 0, 'fill is whole batches');
    const frames = Array.from({ length: group ? args.partitions : 1 }, (_, partitionId) =>
      sendMessagesFrame({
        streamId: Identifier.numeric(topology.streamIds[s]!),
        topicId: Identifier.numeric(topology.topicIds[s]!),
        partitioning: { kind: PartitioningKind.PartitionId, partitionId },
        messagesCount: args.messagesPerBatch,
        messageSizeBytes: args.messageSizeBytes,
      }),
    );
    for (let batch = 0; batch < messages / args.messagesPerBatch; batch++) {
      await connection.call(frames[batch % frames.length]!, `fill stream ${s + 1}`);
      sent += args.messagesPerBatch;
    }
  }
  return sent;
}
