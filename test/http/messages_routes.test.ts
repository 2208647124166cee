// Messages over real HTTP (HTTP.md §5.9): sent over HTTP and polled over TCP
// and the reverse, byte for byte (payloads, user headers, u128 ids, origin
// timestamps above 2^53), the raw JSON shapes, flush, and bad batches
// answered with Iggy's codes. The HTTP side is IggyClient over the
// HttpDispatcher and raw fetch; the TCP side is IggyClient over TCP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { connect } from '../../sdk/index.js';
import { HttpDispatcher } from '../../sdk/transport/http/http_dispatcher.js';
import { Consumers, Partitionings } from '../../sdk/values.js';
import { parseJson } from '../../src/protocol/http/json.js';
import { PollingStrategies } from '../../src/protocol/polling_strategy.js';
import { CompressionAlgorithm, type PolledMessage } from '../../src/protocol/types.js';
import { headerValue } from '../../src/protocol/user_headers.js';
import { bearer, startHttpTestServer, type HttpTestServer } from './http_helpers.js';

let t: HttpTestServer;
let token: string;
let http: IggyClient;
let tcp: IggyClient;
beforeEach(async () => {
  t = await startHttpTestServer();
  const issued = await t.http.jwt.issue(0);
  token = issued.token;
  http = await IggyClient.connect({ dispatcher: new HttpDispatcher({ url: t.base, accessToken: { token, expiryS: issued.expiry } }), heartbeatIntervalMs: 0 });
  tcp = await connect({ port: t.server.port, auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
  await tcp.streams.create('s');
  await tcp.topics.create('s', { name: 't', partitionsCount: 2, compression: CompressionAlgorithm.None });
});
afterEach(async () => {
  await http.close();
  await tcp.close();
  await t.close();
});

const BIG_ID = (1n << 127n) + 12345678901234567890n;
const BIG_TS = (1n << 60n) + 7n; // above 2^53: a JSON number a double would round
const batch = (prefix: string) =>
  Array.from({ length: 5 }, (_, i) => ({
    id: i === 0 ? BIG_ID : BigInt(i + 1),
    payload: Uint8Array.from({ length: 50 + i }, (_, b) => (b * 31 + i) & 0xff),
    headers: [{ key: headerValue.string(`${prefix}-k`), value: headerValue.uint64(BIG_TS) }],
    originTimestamp: BIG_TS + BigInt(i),
  }));

function comparable(messages: readonly PolledMessage[]) {
  return messages.map((m) => ({ header: m.header, payload: [...m.payload], userHeaders: m.userHeaders.map((h) => ({ key: [...h.key.value], kind: h.value.kind, value: [...h.value.value] })) }));
}

describe('messages over HTTP', () => {
  it('sends over HTTP and polls the same bytes over TCP, and the reverse', async () => {
    await http.messages.send('s', 't', batch('h'), Partitionings.partitionId(1));
    await tcp.messages.send('s', 't', batch('b'), Partitionings.partitionId(0));
    const options = (partitionId: number) => ({ partitionId, strategy: PollingStrategies.offset(0n), count: 10, consumer: Consumers.single(1) });
    for (const partitionId of [0, 1]) {
      const overTcp = await tcp.messages.poll('s', 't', options(partitionId));
      const overHttp = await http.messages.poll('s', 't', options(partitionId));
      expect(overTcp.count).toBe(5);
      expect(overHttp).toMatchObject({ partitionId, currentOffset: 4n, count: 5 });
      expect(comparable(overHttp.messages)).toEqual(comparable(overTcp.messages));
    }
    // The origin timestamp does not travel in HTTP's send JSON (HTTP.md §5.9); it does in TCP's, and polls carry it.
    const [sentOverHttp] = (await http.messages.poll('s', 't', options(1))).messages;
    expect(sentOverHttp!.header).toMatchObject({ id: BIG_ID, originTimestamp: 0n, offset: 0n });
    const [sentOverTcp] = (await http.messages.poll('s', 't', options(0))).messages;
    expect(sentOverTcp!.header).toMatchObject({ id: BIG_ID, originTimestamp: BIG_TS, offset: 0n });
  });

  it('writes offsets and ids as exact JSON numbers and Base64 payloads, with auto commit and flush', async () => {
    await tcp.messages.send('s', 't', batch('x'), Partitionings.partitionId(0));
    const res = await fetch(`${t.base}/streams/s/topics/t/messages?consumer_id=3&partition_id=0&kind=first&count=2&auto_commit=true`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`"id":${BIG_ID}`);
    expect(text).toContain(`"origin_timestamp":${BIG_TS}`);
    const body = parseJson(text) as { count: number; messages: { payload: string }[] };
    expect(body.count).toBe(2);
    expect(Buffer.from(body.messages[0]!.payload, 'base64')).toEqual(Buffer.from(batch('x')[0]!.payload));
    expect(await tcp.offsets.get(Consumers.single(3), 's', 't', 0)).toMatchObject({ storedOffset: 1n });
    const flush = await fetch(`${t.base}/streams/s/topics/t/messages/flush/0/true`, { headers: bearer(token) });
    expect(flush.status).toBe(200);
    await http.messages.flush('s', 't', 1, false);
  });

  it('answers bad batches with Iggy codes and stores nothing of them', async () => {
    const post = (body: unknown) =>
      fetch(`${t.base}/streams/s/topics/t/messages`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const empty = await post({ partitioning: { kind: 'partition_id', value: 'AAAAAA==' }, messages: [] });
    expect(empty.status).toBe(400);
    const missing = await post({ partitioning: { kind: 'balanced', value: '' }, messages: [{ id: 0, payload: '' }] });
    expect(missing.status).toBe(400);
    const noPartition = await post({ partitioning: { kind: 'partition_id', value: Buffer.from([9, 0, 0, 0]).toString('base64') }, messages: [{ id: 0, payload: 'aGk=' }] });
    expect(noPartition.status).toBe(404);
    expect((await tcp.topics.get('s', 't'))?.topic.messagesCount).toBe(0n);
  });
});
