// Crash safety. (1) A child process appends with enforce_fsync and is killed
// with SIGKILL at random moments, 24 times over one data directory; after each
// kill the storage is reopened here and every acknowledged batch must be
// present at its offset with a valid checksum, offsets contiguous, every
// acknowledged stream present. (2) Segment files cut at random byte positions,
// a lost index and garbage after the last message recover to exactly the
// whole messages before the damage, and appends continue from there.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat, truncate, unlink, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core.js';
import { loadCore } from '../../src/core/load.js';
import { CompressionAlgorithm, Identifier, PollingKind } from '../../src/protocol/types.js';
import { openStorage, type StorageEngine } from '../../src/storage/storage.js';
import { buildBatch, decodeMessages, pollStorage, storageConfig, tempDir } from './helpers.js';

const S = Identifier.numeric;
const CHILD = fileURLToPath(new URL('./crash_child.mjs', import.meta.url));
const BUILT_STORAGE = fileURLToPath(new URL('../../dist/src/storage/storage.js', import.meta.url));
const KILLS = 24;

interface Ack {
  partitionId: number;
  first: bigint;
  count: number;
  prefix: string;
}

/** Runs the child until it is killed; returns what it acknowledged. */
function runChild(dataDir: string, coreKind: string, tag: string, killEarly: boolean): Promise<{ acks: Ack[]; streams: string[]; sawReady: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir, coreKind, tag], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    const streams: string[] = [];
    let sawReady = false;
    let buffered = '';
    let stderr = '';
    const kill = (): void => {
      child.kill('SIGKILL');
    };
    // Early kills may land during start-up recovery; the rest while appending.
    if (killEarly) setTimeout(kill, Math.floor(Math.random() * 250));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      buffered += text;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const [word, ...rest] = line.split(' ');
        if (word === 'ready') {
          sawReady = true;
          if (!killEarly) setTimeout(kill, 20 + Math.floor(Math.random() * 150));
        } else if (word === 'ack') {
          acks.push({ partitionId: Number(rest[0]), first: BigInt(rest[1]!), count: Number(rest[2]), prefix: rest[3]! });
        } else if (word === 'meta') {
          streams.push(rest[0]!);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      // Only a SIGKILL is expected; anything else is a failure in the child.
      if (signal !== 'SIGKILL') reject(new Error(`child exited with ${code ?? signal}: ${stderr}`));
      else resolve({ acks, streams, sawReady });
    });
  });
}

describe('crash safety', () => {
  let dir: { path: string; remove: () => Promise<void> } | undefined;
  let storage: StorageEngine | undefined;

  afterEach(async () => {
    await storage?.close();
    storage = undefined;
    await dir?.remove();
    dir = undefined;
  });

  it(`keeps every acknowledged append and stream across ${KILLS} SIGKILLs (enforce_fsync)`, async () => {
    expect(existsSync(BUILT_STORAGE), 'the crash child runs the compiled build: run `npm run build` first').toBe(true);
    dir = await tempDir('iggy-crash-');
    const acked: Ack[] = [];
    const streams: string[] = [];
    let readyRuns = 0;
    const cores: Record<string, Core> = { ts: await loadCore('ts'), wasm: await loadCore('wasm') };
    for (let run = 0; run < KILLS; run += 1) {
      const coreKind = run % 2 === 0 ? 'ts' : 'wasm';
      const result = await runChild(dir.path, coreKind, `r${run}`, run % 6 === 5);
      acked.push(...result.acks);
      streams.push(...result.streams);
      if (result.sawReady) readyRuns += 1;

      storage = await openStorage(storageConfig(dir.path), cores[coreKind]!);
      if (acked.length > 0 || storage.findStream(S(0)) !== undefined) {
        const partitions = storage.listPartitions(S(0), S(0));
        for (const partition of partitions) {
          const polled = await pollStorage(storage, S(0), S(0), partition.id, { kind: 'consumer', id: 1 }, { kind: PollingKind.First, value: 0n }, 1_000_000, false);
          const messages = decodeMessages(polled.chunks);
          expect(BigInt(messages.length)).toBe(partition.messagesCount);
          messages.forEach((message, i) => {
            expect(message.offset).toBe(BigInt(i));
            expect(message.checksum).toBe(cores.ts!.xxh3_64(message.raw.subarray(8)));
          });
          for (const ack of acked.filter((a) => a.partitionId === partition.id)) {
            for (let i = 0; i < ack.count; i += 1) {
              const message = messages[Number(ack.first) + i];
              expect(message?.text.startsWith(`${ack.prefix}/${i}/`), `acked ${ack.prefix}/${i} at offset ${ack.first + BigInt(i)}`).toBe(true);
            }
          }
        }
      }
      for (const name of streams) expect(storage.findStream(Identifier.string(name)), `stream ${name}`).toBeDefined();
      await storage.close();
      storage = undefined;
    }
    // The kills must really have interrupted appends, many times over.
    expect(readyRuns).toBeGreaterThan(KILLS / 2);
    expect(acked.length).toBeGreaterThan(KILLS);
  }, 180_000);

  describe.each(['ts', 'wasm'] as const)('damaged segment files (%s core)', (coreKind) => {
    const MESSAGES = 40;

    /** A partition with MESSAGES messages of varied sizes, closed; returns the .log/.index paths and message ends. */
    async function prepare(core: Core): Promise<{ log: string; index: string; ends: number[] }> {
      dir = await tempDir('iggy-torn-');
      const engine = await openStorage(storageConfig(dir.path), core);
      await engine.createStream('s');
      await engine.createTopic(S(0), {
        name: 't', partitionsCount: 1, compression: CompressionAlgorithm.None, messageExpiryUs: 0n, maxTopicSizeBytes: 0n, replicationFactor: 1,
      });
      for (let b = 0; b < MESSAGES / 4; b += 1) {
        await engine.appendMessages(S(0), S(0), 0, buildBatch(Array.from({ length: 4 }, (_, i) => ({ payload: new Uint8Array(10 + ((b * 4 + i) * 13) % 90).fill(b) }))));
      }
      await engine.close();
      // As after a crash: the clean-shutdown marker would let start-up skip the tail check.
      await unlink(join(dir.path, 'state', 'clean_shutdown'));
      const base = join(dir.path, 'streams', '0', 'topics', '0', 'partitions', '0', '00000000000000000000');
      const index = await readFile(`${base}.index`);
      const ends = Array.from({ length: MESSAGES }, (_, i) => index.readUInt32LE(16 * i + 4));
      return { log: `${base}.log`, index: `${base}.index`, ends };
    }

    async function reopenAndCheck(core: Core, expectedMessages: number): Promise<void> {
      storage = await openStorage(storageConfig(dir!.path), core);
      expect(storage.listPartitions(S(0), S(0))[0]).toMatchObject({ messagesCount: BigInt(expectedMessages) });
      const polled = await pollStorage(storage, S(0), S(0), 0, { kind: 'consumer', id: 1 }, { kind: PollingKind.First, value: 0n }, 1000, false);
      const messages = decodeMessages(polled.chunks);
      expect(messages.map((m) => m.offset)).toEqual(Array.from({ length: expectedMessages }, (_, i) => BigInt(i)));
      // Appends continue right after the last whole message.
      await storage.appendMessages(S(0), S(0), 0, buildBatch([{ payload: new Uint8Array([7]) }]));
      await storage.flushUnsavedBuffer(S(0), S(0), 0, true);
      expect(storage.listPartitions(S(0), S(0))[0]!.currentOffset).toBe(BigInt(expectedMessages));
      await storage.close();
      storage = undefined;
      storage = await openStorage(storageConfig(dir!.path), core);
      expect(storage.listPartitions(S(0), S(0))[0]!.messagesCount).toBe(BigInt(expectedMessages + 1));
      await storage.close();
      storage = undefined;
    }

    it('recovers a .log cut at random byte positions (and its index)', async () => {
      const core = await loadCore(coreKind);
      for (let trial = 0; trial < 6; trial += 1) {
        const { log, ends } = await prepare(core);
        const cut = trial === 0 ? ends[ends.length - 1]! - 1 : Math.floor(Math.random() * ends[ends.length - 1]!);
        await truncate(log, cut);
        await reopenAndCheck(core, ends.filter((end) => end <= cut).length);
        expect((await stat(log)).size).toBe((ends.filter((end) => end <= cut).at(-1) ?? 0) + 65);
        await dir!.remove();
      }
    });

    it('rebuilds a missing or cut index from the log and cuts garbage after the last message', async () => {
      const core = await loadCore(coreKind);
      let { index, log } = await prepare(core);
      await unlink(index);
      await reopenAndCheck(core, MESSAGES);
      await dir!.remove();

      ({ index } = await prepare(core));
      await truncate(index, 16 * 17 + 5);
      await reopenAndCheck(core, MESSAGES);
      await dir!.remove();

      let ends: number[];
      ({ log, ends } = await prepare(core));
      await appendFile(log, new Uint8Array(100).fill(0x5a));
      await reopenAndCheck(core, MESSAGES);
      expect((await stat(log)).size).toBe(ends[MESSAGES - 1]! + 65);
      await dir!.remove();

      // A checksum-breaking byte in the last message: it is cut, the rest stays.
      ({ log, ends } = await prepare(core));
      const bytes = await readFile(log);
      const last = ends[MESSAGES - 1]! - 1;
      bytes[last] = bytes[last]! ^ 0xff;
      await truncate(log, 0);
      await appendFile(log, bytes);
      await reopenAndCheck(core, MESSAGES - 1);
    });
  });
});
