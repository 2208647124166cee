// Stream operations called directly (as an HTTP route will), against a real
// server context: results are domain values carrying what the binary reply
// and Iggy's HTTP JSON need, permission denials are 41 and leave storage
// unchanged, and a missing stream is null for reads but 1009 (ahead of the
// permission check) for changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODE } from '../../../src/errors/iggy_error.js';
import { createStream } from '../../../src/server/ops/streams/create_stream.js';
import { deleteStream } from '../../../src/server/ops/streams/delete_stream.js';
import { getStream } from '../../../src/server/ops/streams/get_stream.js';
import { getStreams } from '../../../src/server/ops/streams/get_streams.js';
import { purgeStream } from '../../../src/server/ops/streams/purge_stream.js';
import { updateStream } from '../../../src/server/ops/streams/update_stream.js';
import { permissions } from '../data_plane_fixture.js';
import { errorCode, startOpsFixture, userPrincipal, type OpsFixture } from './ops_fixture.js';

let fx: OpsFixture;

beforeEach(async () => {
  fx = await startOpsFixture();
});

afterEach(async () => {
  await fx.server.close();
});

const byId = (value: number) => ({ kind: 'numeric', value }) as const;

describe('stream operations', () => {
  it('create returns the new stream; get and list return it with its topics', async () => {
    const created = await createStream(fx.ctx, fx.root, { name: 'orders' });
    expect(created).toMatchObject({ id: 0, name: 'orders', topicsCount: 0, messagesCount: 0n, sizeBytes: 0n });

    const details = await getStream(fx.ctx, fx.root, { streamId: { kind: 'string', value: 'orders' } });
    expect(details).toEqual({ stream: created, topics: [] });
    expect(await getStreams(fx.ctx, fx.root, undefined)).toEqual([created]);
  });

  it('denies a user without permissions with 41 and creates nothing', async () => {
    const nobody = await userPrincipal(fx.ctx, 'nobody', null);
    expect(await errorCode(() => createStream(fx.ctx, nobody, { name: 'orders' }))).toBe(ERROR_CODE.Unauthorized);
    expect(await errorCode(() => getStreams(fx.ctx, nobody, undefined))).toBe(ERROR_CODE.Unauthorized);
    expect(await getStreams(fx.ctx, fx.root, undefined)).toEqual([]);
  });

  it('a missing stream is null to a read even without permission, 1009 to a change', async () => {
    const nobody = await userPrincipal(fx.ctx, 'nobody', null);
    expect(await getStream(fx.ctx, nobody, { streamId: byId(7) })).toBeNull();
    expect(await errorCode(() => updateStream(fx.ctx, nobody, { streamId: byId(7), name: 'x' }))).toBe(ERROR_CODE.StreamIdNotFound);
    expect(await errorCode(() => purgeStream(fx.ctx, nobody, { streamId: byId(7) }))).toBe(ERROR_CODE.StreamIdNotFound);
    expect(await errorCode(() => deleteStream(fx.ctx, nobody, { streamId: byId(7) }))).toBe(ERROR_CODE.StreamIdNotFound);
  });

  it('stream-scoped rights allow reading and managing only that stream', async () => {
    await createStream(fx.ctx, fx.root, { name: 'mine' });
    await createStream(fx.ctx, fx.root, { name: 'theirs' });
    const owner = await userPrincipal(fx.ctx, 'owner', permissions({}, { 0: { flags: { readStream: true, manageStream: true } } }));

    expect((await getStream(fx.ctx, owner, { streamId: byId(0) }))?.stream.name).toBe('mine');
    expect(await errorCode(() => getStream(fx.ctx, owner, { streamId: byId(1) }))).toBe(ERROR_CODE.Unauthorized);
    await updateStream(fx.ctx, owner, { streamId: byId(0), name: 'renamed' });
    expect(await errorCode(() => updateStream(fx.ctx, owner, { streamId: byId(1), name: 'x' }))).toBe(ERROR_CODE.Unauthorized);
    await deleteStream(fx.ctx, owner, { streamId: byId(0) });
    expect((await getStreams(fx.ctx, fx.root, undefined)).map((s) => s.name)).toEqual(['theirs']);
  });
});
