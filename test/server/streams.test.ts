// Stream commands (200–205) over TCP against the real server: records and
// ids, empty OK for a missing stream, duplicate names (1012), not-found
// (1009) before permission (41) for mutations, permission denials for a
// limited user, purge/delete effects, and that other clients keep being served.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteStream } from '../../src/protocol/commands/streams/delete_stream.js';
import { getStream } from '../../src/protocol/commands/streams/get_stream.js';
import { getStreams } from '../../src/protocol/commands/streams/get_streams.js';
import { purgeStream } from '../../src/protocol/commands/streams/purge_stream.js';
import { updateStream } from '../../src/protocol/commands/streams/update_stream.js';
import { createStream } from '../../src/protocol/commands/streams/create_stream.js';
import { getTopic } from '../../src/protocol/commands/topics/get_topic.js';
import { type Fixture, id, makeStream, makeTopic, name, partitionId, permissions, poll, send, startFixture, userClient } from './data_plane_fixture.js';

let fx: Fixture;

beforeEach(async () => {
  fx = await startFixture();
});

afterEach(async () => {
  await fx.server.close();
});

describe('CreateStream / GetStream / GetStreams', () => {
  it('creates streams with ids 0, 1 and full records, readable by id and name', async () => {
    const a = await makeStream(fx.root, 'alpha');
    expect(a).toMatchObject({ id: 0, name: 'alpha', topicsCount: 0, sizeBytes: 0n, messagesCount: 0n });
    expect(a.createdAtUs).toBeGreaterThan(0n);
    const b = await makeStream(fx.root, 'beta');
    expect(b.id).toBe(1);
    await makeTopic(fx.root, id(1), 't1', 2);
    await makeTopic(fx.root, id(1), 't2', 1);

    const byName = await fx.root.call(getStream, { streamId: name('beta') });
    expect(byName.status).toBe(0);
    expect(byName.value!.stream).toMatchObject({ id: 1, name: 'beta', topicsCount: 2 });
    expect(byName.value!.topics.map((t) => [t.id, t.name, t.partitionsCount])).toEqual([
      [0, 't1', 2],
      [1, 't2', 1],
    ]);
    const list = await fx.root.call(getStreams, undefined);
    expect(list.value!.map((s) => [s.id, s.name])).toEqual([
      [0, 'alpha'],
      [1, 'beta'],
    ]);
  });

  it('answers a missing stream with empty OK and an empty list with an empty payload', async () => {
    const missing = await fx.root.call(getStream, { streamId: name('nope') });
    expect(missing.status).toBe(0);
    expect(missing.payload.length).toBe(0);
    const list = await fx.root.call(getStreams, undefined);
    expect(list.status).toBe(0);
    expect(list.payload.length).toBe(0);
  });

  it('rejects a duplicate name with 1012 and keeps serving this and another client', async () => {
    await makeStream(fx.root, 'dup');
    expect((await fx.root.call(createStream, { name: 'dup' })).status).toBe(1012);
    const other = await fx.server.connect();
    await other.login('iggy', 'iggy');
    expect((await other.call(getStreams, undefined)).value).toHaveLength(1);
    expect((await fx.root.call(getStream, { streamId: id(0) })).value?.stream.name).toBe('dup');
  });

  it('reuses the most recently freed id', async () => {
    await makeStream(fx.root, 'a');
    await makeStream(fx.root, 'b');
    await makeStream(fx.root, 'c');
    expect((await fx.root.call(deleteStream, { streamId: id(1) })).status).toBe(0);
    expect((await makeStream(fx.root, 'd')).id).toBe(1);
    expect((await makeStream(fx.root, 'e')).id).toBe(3);
  });
});

describe('UpdateStream / DeleteStream / PurgeStream', () => {
  it('renames, allows the same name, and refuses another stream\'s name (1012)', async () => {
    await makeStream(fx.root, 'one');
    await makeStream(fx.root, 'two');
    expect((await fx.root.call(updateStream, { streamId: name('one'), name: 'uno' })).status).toBe(0);
    expect((await fx.root.call(getStream, { streamId: id(0) })).value?.stream.name).toBe('uno');
    expect((await fx.root.call(updateStream, { streamId: id(0), name: 'uno' })).status).toBe(0);
    expect((await fx.root.call(updateStream, { streamId: id(0), name: 'two' })).status).toBe(1012);
  });

  it('answers unknown streams with 1009', async () => {
    expect((await fx.root.call(updateStream, { streamId: id(9), name: 'x' })).status).toBe(1009);
    expect((await fx.root.call(deleteStream, { streamId: name('x') })).status).toBe(1009);
    expect((await fx.root.call(purgeStream, { streamId: id(9) })).status).toBe(1009);
  });

  it('purges every topic of a stream but keeps the topics', async () => {
    await makeStream(fx.root, 's');
    await makeTopic(fx.root, id(0), 't', 1);
    expect(await send(fx.root, id(0), id(0), partitionId(0), ['a', 'b'])).toBe(0);
    expect((await poll(fx.root, { streamId: id(0), topicId: id(0) })).payloads).toEqual(['a', 'b']);
    expect((await fx.root.call(purgeStream, { streamId: id(0) })).status).toBe(0);
    expect((await poll(fx.root, { streamId: id(0), topicId: id(0) })).payloads).toEqual([]);
    const topic = await fx.root.call(getTopic, { streamId: id(0), topicId: id(0) });
    expect(topic.value?.topic).toMatchObject({ name: 't', messagesCount: 0n });
  });

  it('deletes a stream with its topics', async () => {
    await makeStream(fx.root, 's');
    await makeTopic(fx.root, id(0), 't', 1);
    expect((await fx.root.call(deleteStream, { streamId: name('s') })).status).toBe(0);
    expect((await fx.root.call(getStream, { streamId: id(0) })).payload.length).toBe(0);
    expect((await fx.root.call(getTopic, { streamId: id(0), topicId: id(0) })).payload.length).toBe(0);
  });
});

describe('stream permissions', () => {
  it('denies a user without rights (41), but a missing target still answers first', async () => {
    await makeStream(fx.root, 's');
    const nobody = await userClient(fx, 'nobody', null);
    expect((await nobody.call(getStreams, undefined)).status).toBe(41);
    expect((await nobody.call(getStream, { streamId: id(0) })).status).toBe(41);
    expect((await nobody.call(getStream, { streamId: id(5) })).status).toBe(0); // empty OK before permission
    expect((await nobody.call(createStream, { name: 'mine' })).status).toBe(41);
    expect((await nobody.call(updateStream, { streamId: id(0), name: 'x' })).status).toBe(41);
    expect((await nobody.call(updateStream, { streamId: id(5), name: 'x' })).status).toBe(1009); // not found before 41
    expect((await nobody.call(deleteStream, { streamId: id(0) })).status).toBe(41);
    expect((await nobody.call(purgeStream, { streamId: id(0) })).status).toBe(41);
    expect((await fx.root.call(getStream, { streamId: id(0) })).value?.stream.name).toBe('s');
  });

  it('answers a client that has not logged in with 40', async () => {
    await makeStream(fx.root, 's');
    const anonymous = await fx.server.connect();
    expect((await anonymous.call(getStream, { streamId: id(0) })).status).toBe(40);
    expect((await anonymous.call(createStream, { name: 'x' })).status).toBe(40);
    expect((await anonymous.call(deleteStream, { streamId: id(0) })).status).toBe(40);
    expect((await fx.root.call(getStreams, undefined)).value).toHaveLength(1);
  });

  it('grants reads and management through stream-level permissions', async () => {
    await makeStream(fx.root, 'mine');
    await makeStream(fx.root, 'theirs');
    const user = await userClient(fx, 'streamer', permissions({}, { 0: { flags: { manageStream: true } } }));
    expect((await user.call(getStream, { streamId: id(0) })).status).toBe(0);
    expect((await user.call(getStream, { streamId: id(1) })).status).toBe(41);
    expect((await user.call(getStreams, undefined)).status).toBe(41); // global flag needed
    expect((await user.call(updateStream, { streamId: id(0), name: 'renamed' })).status).toBe(0);
    expect((await user.call(updateStream, { streamId: id(1), name: 'nope' })).status).toBe(41);
    expect((await user.call(deleteStream, { streamId: id(0) })).status).toBe(0);
  });

  it('lets global read_streams list and read but not create', async () => {
    await makeStream(fx.root, 's');
    const reader = await userClient(fx, 'reader', permissions({ readStreams: true }));
    expect((await reader.call(getStreams, undefined)).value).toHaveLength(1);
    expect((await reader.call(getStream, { streamId: name('s') })).status).toBe(0);
    expect((await reader.call(createStream, { name: 'x' })).status).toBe(41);
  });
});
