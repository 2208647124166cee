// Child process of crash.test.ts: opens the storage from the compiled build
// (dist/, produced by `npm run build`, which `npm ci` runs) with
// enforce_fsync on, and appends batches to stream 0 / topic 0 forever, now
// and then creating a stream too. After each acknowledged (= written and
// fsynced) change it prints one line on stdout — stdout to a pipe is
// synchronous on Linux, so the line is out before the next change starts:
//   ready
//   ack <partition> <first offset> <count> <payload prefix>
//   meta <stream name>
// The parent kills it with SIGKILL at a random moment and checks that every
// acknowledged change survived. Plain JavaScript so no TS loader is needed.
import { loadConfig } from '../../dist/src/config/config.js';
import { loadCore } from '../../dist/src/core/load.js';
import { setLogLevel } from '../../dist/src/log.js';
import { openStorage } from '../../dist/src/storage/storage.js';

const [dataDir, coreKind, runTag] = process.argv.slice(2);
setLogLevel('error');
const config = loadConfig({ env: {} });
config.system.path = dataDir;
config.system.segment.size = 8 * 1024;
config.system.partition.enforce_fsync = true;
config.message_saver.enabled = false;
const core = await loadCore(coreKind);
const storage = await openStorage(config, core);
const numeric = (value) => ({ kind: 'numeric', value });
if (storage.findStream(numeric(0)) === undefined) {
  await storage.createStream('crash');
  await storage.createTopic(numeric(0), {
    name: 'data', partitionsCount: 2, compression: 1, messageExpiryUs: 0n, maxTopicSizeBytes: 0n, replicationFactor: 1,
  });
}
process.stdout.write('ready\n');

const encoder = new TextEncoder();
function batch(prefix, count) {
  const payloads = Array.from({ length: count }, (_, i) => encoder.encode(`${prefix}/${i}/${'x'.repeat((i * 37) % 300)}`));
  const size = payloads.reduce((sum, p) => sum + 64 + p.length, 0);
  const messages = new Uint8Array(size);
  const indexes = new Uint8Array(16 * count);
  const view = new DataView(messages.buffer);
  const indexView = new DataView(indexes.buffer);
  let position = 0;
  payloads.forEach((payload, i) => {
    view.setUint32(position + 52, payload.length, true);
    messages.set(payload, position + 64);
    position += 64 + payload.length;
    indexView.setUint32(16 * i + 4, position, true);
  });
  return { count, indexes, messages };
}

for (let n = 0; ; n += 1) {
  const partitionId = n % 2;
  const count = 1 + (n % 5);
  const prefix = `${runTag}-${n}`;
  const before = storage.listPartitions(numeric(0), numeric(0))[partitionId];
  const first = before.messagesCount === 0n && before.currentOffset === 0n ? 0n : before.currentOffset + 1n;
  await storage.appendMessages(numeric(0), numeric(0), partitionId, batch(prefix, count));
  process.stdout.write(`ack ${partitionId} ${first} ${count} ${prefix}\n`);
  if (n % 25 === 24) {
    const name = `${runTag}-stream-${n}`;
    await storage.createStream(name);
    process.stdout.write(`meta ${name}\n`);
  }
}
