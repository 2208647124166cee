// Sample producer: sends --count messages of --message-size bytes in batches of
// --batch-size, balanced over the topic's partitions or to --partition.
//   npm run sample:producer -- --stream orders --topic created --count 100000
import { Partitionings, Producer } from '../sdk/index.js';
import { CONNECTION_ARGS, parseArgs } from './args.js';
import { connectSample } from './connect.js';

const args = parseArgs({
  ...CONNECTION_ARGS,
  partition: { default: '', help: 'send to this partition id (default: balanced)' },
  key: { default: '', help: 'partition by this message key (default: balanced)' },
  count: { default: '10000', help: 'messages to send' },
  'message-size': { default: '100', help: 'payload bytes per message' },
  'batch-size': { default: '1000', help: 'messages per batch' },
  'linger-ms': { default: '5', help: 'max wait for a partial batch' },
});

const client = await connectSample(args);
const producer = new Producer(client, {
  stream: args.stream,
  topic: args.topic,
  partitioning: args.partition
    ? Partitionings.partitionId(Number(args.partition))
    : args.key
      ? Partitionings.messagesKey(args.key)
      : Partitionings.balanced(),
  batchMessagesMax: Number(args['batch-size']),
  lingerMs: Number(args['linger-ms']),
});

const count = Number(args.count);
const size = Number(args['message-size']);
const started = performance.now();
for (let i = 0; i < count; i++) {
  // The first 8 bytes carry the sequence number, so a consumer can check order.
  const payload = new Uint8Array(Math.max(size, 8));
  new DataView(payload.buffer).setBigUint64(0, BigInt(i), true);
  await producer.send({ payload });
}
await producer.close();
const seconds = (performance.now() - started) / 1000;
console.log(`sent ${count} messages of ${size} B in ${seconds.toFixed(2)} s: ${Math.round(count / seconds)} msg/s, ${((count * size) / seconds / 1e6).toFixed(1)} MB/s`);
await client.close();
