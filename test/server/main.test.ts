// The `npm start` entry, driven in-process through run(): --help lists the
// environment variables, bad flags / config / IGGY_CORE exit 1 with one
// readable line, --with-default-root-credentials gives iggy/iggy, otherwise a
// generated root password is printed once, and stop() shuts down gracefully
// (idle clients get Disconnected (8)) with exit code 0.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run, type MainIo, type MainResult } from '../../src/main.js';
import { connectRaw } from '../helpers/server.js';

let dataDir: string | undefined;
let running: Extract<MainResult, { kind: 'running' }> | undefined;

afterEach(async () => {
  await running?.stop('test end');
  running = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

function io(env: NodeJS.ProcessEnv = {}): MainIo & { stdout: string; stderr: string } {
  const captured = {
    env,
    stdout: '',
    stderr: '',
    out: (text: string) => void (captured.stdout += text),
    err: (text: string) => void (captured.stderr += text),
  };
  return captured;
}

async function serverEnv(): Promise<NodeJS.ProcessEnv> {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-main-'));
  return {
    IGGY_SYSTEM_PATH: dataDir,
    IGGY_TCP_ADDRESS: '127.0.0.1:0',
    IGGY_QUIC_ENABLED: 'false',
    IGGY_HTTP_ENABLED: 'false',
    IGGY_WEBSOCKET_ENABLED: 'false',
    IGGY_CORE: 'ts',
  };
}

describe('main', () => {
  it('prints help with every configuration variable', async () => {
    const out = io();
    expect(await run(['--help'], out)).toEqual({ kind: 'exit', exitCode: 0 });
    expect(out.stdout).toContain('--with-default-root-credentials');
    expect(out.stdout).toContain('IGGY_TCP_ADDRESS');
    expect(out.stdout).toContain('IGGY_LIMITS_CONNECTIONS_MAX');
  });

  it('exits 1 with one line for a bad flag, bad config or bad IGGY_CORE', async () => {
    const flag = io();
    expect(await run(['--nope'], flag)).toEqual({ kind: 'exit', exitCode: 1 });
    expect(flag.stderr).toBe('unknown option(s): --nope (see --help)\n');
    const config = io({ IGGY_TCP_ADDRESS: 'nowhere' });
    expect(await run([], config)).toEqual({ kind: 'exit', exitCode: 1 });
    expect(config.stderr).toMatch(/^invalid configuration:\n {2}tcp\.address = "nowhere"/);
    expect(config.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const core = io({ IGGY_CORE: 'gpu' });
    expect(await run([], core)).toEqual({ kind: 'exit', exitCode: 1 });
    expect(core.stderr).toContain('IGGY_CORE must be auto, wasm or ts');
  });

  it('starts with iggy/iggy under --with-default-root-credentials and shuts down gracefully', async () => {
    const out = io(await serverEnv());
    const result = await run(['--with-default-root-credentials'], out);
    expect(result.kind).toBe('running');
    running = result as typeof running;
    expect(out.stdout).toBe(''); // nothing generated, nothing printed
    const client = await connectRaw(running!.server.tcpAddress!.port);
    expect(await client.login('iggy', 'iggy')).toBe(0);
    expect(await running!.stop('SIGTERM')).toBe(0);
    await client.closed;
    expect(client.unsolicited).toEqual([{ status: 8, payload: Buffer.alloc(0) }]);
  });

  it('prints a generated root password once and it works', async () => {
    const env = await serverEnv();
    const out = io(env);
    running = (await run([], out)) as typeof running;
    const password = /shown only once\): ([A-Za-z0-9]{20,39})\n$/.exec(out.stdout)?.[1];
    expect(password).toBeDefined();
    const client = await connectRaw(running!.server.tcpAddress!.port);
    expect(await client.login('iggy', password!)).toBe(0);
    client.destroy();
    await running!.stop('restart');
    const again = io(env);
    running = (await run([], again)) as typeof running;
    expect(again.stdout).toBe(''); // the existing root is kept: nothing to print
  });
});
