// Proves how arguments become actors: which stream each actor uses, what
// each consumer or consumer group must read before it stops, what is filled
// beforehand, and that the rate limit is split over the actors.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/args.js';
import { buildActorSpecs, consumerTargets, producedPerStream, type Topology } from '../../bench/workload.js';

const address = { host: '127.0.0.1', port: 1, transport: 'tcp' as const };
const topology = (streams: number, groups = 0): Topology => ({
  streamIds: Array.from({ length: streams }, (_, i) => 10 + i),
  topicIds: Array.from({ length: streams }, () => 0),
  groupIds: Array.from({ length: groups }, (_, i) => 20 + i),
});

describe('bench workload', () => {
  it('pins each producer of the seed invocation to its own stream and partition 0', () => {
    const args = parseArgs(['--tcp', '--test-send-messages', '--streams', '3', '--producers', '3', '--parallel-producer-streams', '--message-batches', '5', '--messages-per-batch', '2']);
    const specs = buildActorSpecs(args, { address, credentials: null, topology: topology(3) });
    expect(specs.map((s) => [s.role, s.streamId, s.send])).toEqual([
      ['producer', 10, { kind: 'partition', partitionId: 0 }],
      ['producer', 11, { kind: 'partition', partitionId: 0 }],
      ['producer', 12, { kind: 'partition', partitionId: 0 }],
    ]);
    expect(specs.every((s) => s.poll === null && s.batches === 5 && s.messagesPerBatch === 2)).toBe(true);
    expect(producedPerStream(args)).toEqual([10, 10, 10]);
  });

  it('fills each pinned consumer stream once, even when consumers share it', () => {
    const args = parseArgs(['pc', '--consumers', '3', '--streams', '2', '--message-batches', '4', '--messages-per-batch', '10']);
    expect(consumerTargets(args)).toEqual({ perConsumer: [40, 40, 40], perGroup: [0], fillPerStream: [40, 40] });
    const specs = buildActorSpecs(args, { address, credentials: { username: 'u', password: 'p' }, topology: topology(2) });
    expect(specs.map((s) => [s.streamId, s.poll, s.messagesTarget])).toEqual([
      [10, { kind: 'offset', consumerId: 1, partitionId: 0 }, 40],
      [11, { kind: 'offset', consumerId: 2, partitionId: 0 }, 40],
      [10, { kind: 'offset', consumerId: 3, partitionId: 0 }, 40],
    ]);
  });

  it('gives a consumer group the whole of what it must read, shared by its members', () => {
    const args = parseArgs(['bcg', '--consumers', '3', '--message-batches', '4', '--messages-per-batch', '10']);
    expect(consumerTargets(args)).toEqual({ perConsumer: [0, 0, 0], perGroup: [120], fillPerStream: [120] });
    const specs = buildActorSpecs(args, { address, credentials: null, topology: topology(1, 1) });
    expect(specs.map((s) => [s.poll, s.messagesTarget, s.groupCounterIndex])).toEqual([
      [{ kind: 'group', groupId: 20 }, 120, 0],
      [{ kind: 'group', groupId: 20 }, 120, 0],
      [{ kind: 'group', groupId: 20 }, 120, 0],
    ]);
    expect(specs[0]!.groupCounters).toBe(specs[2]!.groupCounters);
  });

  it('has producer-and-consumer kinds read what is produced meanwhile, with no fill', () => {
    const ppc = parseArgs(['ppc', '--producers', '2', '--consumers', '2', '--message-batches', '3', '--messages-per-batch', '5']);
    expect(consumerTargets(ppc)).toEqual({ perConsumer: [15, 15], perGroup: [0], fillPerStream: [0, 0] });
    const bpcg = parseArgs(['bpcg', '--producers', '2', '--consumers', '1', '--message-batches', '3', '--messages-per-batch', '5']);
    expect(consumerTargets(bpcg).perGroup).toEqual([30]);
    const specs = buildActorSpecs(bpcg, { address, credentials: null, topology: topology(1, 1) });
    expect(specs.map((s) => [s.role, s.send.kind])).toEqual([
      ['producer', 'balanced'],
      ['producer', 'balanced'],
      ['consumer', 'partition'],
    ]);
  });

  it('makes end-to-end actors producing consumers reading their own stream back', () => {
    const args = parseArgs(['e2e', '--producers', '2', '--message-batches', '3', '--messages-per-batch', '5']);
    const specs = buildActorSpecs(args, { address, credentials: null, topology: topology(2) });
    expect(specs.map((s) => [s.role, s.streamId, s.poll])).toEqual([
      ['producing-consumer', 10, { kind: 'offset', consumerId: 1, partitionId: 0 }],
      ['producing-consumer', 11, { kind: 'offset', consumerId: 2, partitionId: 0 }],
    ]);
    const group = parseArgs(['e2ecg', '--producers', '2', '--message-batches', '3', '--messages-per-batch', '5']);
    expect(consumerTargets(group).perGroup).toEqual([30]);
  });

  it('splits the aggregate rate limit evenly over the actors', () => {
    const args = parseArgs(['ppc', '--producers', '2', '--consumers', '2', '--rate-limit', '40MB']);
    const specs = buildActorSpecs(args, { address, credentials: null, topology: topology(2) });
    expect(specs.map((s) => s.rateBytesPerSecond)).toEqual([10e6, 10e6, 10e6, 10e6]);
  });
});
