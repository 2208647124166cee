// Runs in Chromium (test/browser/browser.test.ts): through the SDK bundle it
// logs in over WebSocket and over HTTP, creates a stream and topic, sends
// random messages (payloads, ids, user headers of several kinds) over
// WebSocket in batches and polls them back over HTTP page by page, comparing
// every byte. It returns what it sent (hex) so the test can check a TCP poll
// from Node against the same bytes.
import { HttpDispatcher, IggyClient, Partitionings, PollingStrategies, headerValue, ws } from '/sdk/dist/iggy-sdk.browser.js';

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function randomBytes(length) {
  return crypto.getRandomValues(new Uint8Array(length));
}

function randomU128() {
  const words = crypto.getRandomValues(new BigUint64Array(2));
  return (words[0] << 64n) | words[1] | 1n; // never 0: 0 asks the server for a UUID
}

/** A few header kinds per message, so their wire bytes (not only strings) must survive HTTP's base64. */
function randomHeaders(index) {
  const headers = [{ key: headerValue.string('index'), value: headerValue.uint32(index) }];
  if (index % 2 === 0) headers.push({ key: headerValue.string('raw'), value: headerValue.raw(randomBytes(1 + (index % 37))) });
  if (index % 3 === 0) headers.push({ key: headerValue.string('u64'), value: headerValue.uint64(2n ** 63n + BigInt(index)) });
  if (index % 5 === 0) headers.push({ key: headerValue.string('text'), value: headerValue.string(`zażółć ${index}`) });
  if (index % 7 === 0) headers.push({ key: headerValue.raw(Uint8Array.of(0, 255, index & 255)), value: headerValue.float64(index / 7) });
  return headers;
}

const headersHex = (headers) => (headers ?? []).map(({ key, value }) => [key.kind, hex(key.value), value.kind, hex(value.value)].join(':'));

/** A sent or a polled message as comparable strings (polled ones keep id and headers elsewhere). */
function describe(message) {
  const id = message.header?.id ?? message.id;
  return { id: id.toString(16), payload: hex(message.payload), headers: headersHex(message.userHeaders ?? message.headers) };
}

function compare(sent, polled, offset, mismatches) {
  const want = describe(sent);
  const got = describe(polled);
  for (const field of ['id', 'payload']) {
    if (want[field] !== got[field]) mismatches.push(`offset ${offset}: ${field} ${got[field].slice(0, 40)} != ${want[field].slice(0, 40)}`);
  }
  if (want.headers.join() !== got.headers.join()) mismatches.push(`offset ${offset}: headers ${got.headers} != ${want.headers}`);
  if (polled.header.offset !== BigInt(offset)) mismatches.push(`offset ${offset}: polled offset ${polled.header.offset}`);
}

async function pollAll(reader, config, count, mismatches, sent) {
  let offset = 0;
  while (offset < count) {
    const strategy = PollingStrategies.offset(BigInt(offset));
    const { messages } = await reader.messages.poll(config.stream, config.topic, { partitionId: 0, strategy, count: config.pollCount });
    if (messages.length === 0) break;
    for (const message of messages) {
      if (offset < count) compare(sent[offset], message, offset, mismatches);
      offset++;
    }
  }
  return offset;
}

window.roundTrip = async (config) => {
  const auth = { username: config.username, password: config.password };
  const sender = await IggyClient.connect({ transport: ws({ url: config.wsUrl }), auth, heartbeatIntervalMs: 0 });
  const reader = await IggyClient.connect({ dispatcher: new HttpDispatcher({ url: config.httpUrl }), auth, heartbeatIntervalMs: 0 });
  try {
    await sender.streams.create(config.stream);
    await sender.topics.create(config.stream, { name: config.topic, partitionsCount: 1 });
    const sent = Array.from({ length: config.count }, (_, i) => ({
      id: randomU128(),
      payload: randomBytes(1 + Math.floor(Math.random() * config.payloadBytesMax)),
      headers: randomHeaders(i),
    }));
    for (let i = 0; i < sent.length; i += config.batchCount) {
      await sender.messages.send(config.stream, config.topic, sent.slice(i, i + config.batchCount), Partitionings.partitionId(0));
    }
    const mismatches = [];
    const polled = await pollAll(reader, config, sent.length, mismatches, sent);
    return { transports: [sender.transportName, reader.transportName], polled, mismatches: mismatches.slice(0, 20), sent: sent.map(describe) };
  } finally {
    await Promise.allSettled([sender.close(), reader.close()]);
  }
};
