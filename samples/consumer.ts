// Sample consumer: reads the topic as a single consumer (all partitions, or
// --partition) or as a member of --group, and prints a summary.
//   npm run sample:consumer -- --stream orders --topic created --group billing
import { Consumer, PollingStrategies } from '../sdk/index.js';
import { CONNECTION_ARGS, parseArgs } from './args.js';
import { connectSample } from './connect.js';

const args = parseArgs({
  ...CONNECTION_ARGS,
  'consumer-id': { default: '1', help: 'single consumer id (offsets are stored per id)' },
  group: { default: '', help: 'consume as a member of this consumer group (created if missing)' },
  partition: { default: '', help: 'single consumer: only this partition' },
  'batch-size': { default: '1000', help: 'messages per poll' },
  'poll-interval-ms': { default: '100', help: 'pause after an empty poll' },
  from: { default: 'next', help: 'next (after the stored offset), first or last' },
  count: { default: '0', help: 'stop after this many messages (0 = run until Ctrl-C)' },
  'print-every': { default: '10000', help: 'print progress every N messages' },
});

const client = await connectSample(args);
const consumer = new Consumer(client, {
  stream: args.stream,
  topic: args.topic,
  ...(args.group ? { group: args.group } : { consumerId: Number(args['consumer-id']) }),
  ...(args.partition ? { partitionId: Number(args.partition) } : {}),
  strategy: args.from === 'first' ? PollingStrategies.first() : args.from === 'last' ? PollingStrategies.last() : PollingStrategies.next(),
  batchSize: Number(args['batch-size']),
  pollIntervalMs: Number(args['poll-interval-ms']),
});
process.once('SIGINT', () => void consumer.close());

const limit = Number(args.count);
const printEvery = Number(args['print-every']);
const started = performance.now();
let received = 0;
let bytes = 0;
for await (const message of consumer) {
  received++;
  bytes += message.payload.length;
  if (printEvery > 0 && received % printEvery === 0) console.log(`${received} messages (partition ${message.partitionId}, offset ${message.offset})`);
  if (limit > 0 && received >= limit) break; // ends the loop: the consumer commits and leaves its group
}
const seconds = (performance.now() - started) / 1000;
console.log(`received ${received} messages, ${bytes} B in ${seconds.toFixed(2)} s`);
await client.close();
