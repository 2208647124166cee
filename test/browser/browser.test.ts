// The browser SDK in a real headless Chromium (issue 14). The page and the
// SDK bundle (built from the current sources by scripts/build_browser_bundle.mjs)
// come from one origin, the iggy server's HTTP and WebSocket listeners sit on
// others, with CORS allowing the page's origin. In the page: log in, create a
// topic, send 1000 messages over WebSocket, poll them back over HTTP and
// compare every byte; the test then polls over TCP from Node against the bytes
// the page reports it sent. The sample page (samples/browser/) is run too.
// Without /usr/bin/chromium the suite skips with one line, except under CI.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, PollingStrategies, type PolledMessage, type UserHeader } from '../../sdk/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, chromiumInstalled, launchChromium, type Chromium } from './chromium.js';
import { startStaticServer, type StaticServer } from './static_server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MESSAGES_COUNT = 1000;

const runnable = chromiumInstalled() || process.env.CI === 'true';
if (!runnable) console.log(`skipped test/browser: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium; CI installs it)`);

interface DescribedMessage {
  id: string;
  payload: string;
  headers: string[];
}

interface RoundTrip {
  transports: string[];
  polled: number;
  mismatches: string[];
  sent: DescribedMessage[];
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const headersHex = (headers: UserHeader[]) => headers.map(({ key, value }) => [key.kind, hex(key.value), value.kind, hex(value.value)].join(':'));
/** The same description the page gives (test/browser/page/roundtrip.js). */
const describeMessage = (m: PolledMessage): DescribedMessage => ({ id: m.header.id.toString(16), payload: hex(m.payload), headers: headersHex(m.userHeaders) });

describe.skipIf(!runnable)('browser SDK in headless Chromium', () => {
  let bundleDir = '';
  let pages: StaticServer | null = null;
  let server: TestServer | null = null;
  let browser: Chromium | null = null;
  let httpUrl = '';
  let wsUrl = '';

  beforeAll(async () => {
    if (!chromiumInstalled()) throw new Error(`CI=true but no Chromium at ${CHROMIUM_PATH}: .ci/run installs it with apt-get`);
    bundleDir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-bundle-'));
    const bundle = path.join(bundleDir, 'iggy-sdk.browser.js');
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/build_browser_bundle.mjs'), '--outfile', bundle]);
    pages = await startStaticServer({
      '/sdk/dist/iggy-sdk.browser.js': bundle,
      '/test/roundtrip.html': path.join(ROOT, 'test/browser/page/roundtrip.html'),
      '/test/roundtrip.js': path.join(ROOT, 'test/browser/page/roundtrip.js'),
      '/samples/browser/index.html': path.join(ROOT, 'samples/browser/index.html'),
      '/samples/browser/app.js': path.join(ROOT, 'samples/browser/app.js'),
    });
    server = await startTestServer({
      http: { enabled: true, address: '127.0.0.1:0', cors: { enabled: true, allowed_origins: pages.origin } },
      websocket: { enabled: true, address: '127.0.0.1:0' },
    });
    const { ports } = server.server.ctx.runtime;
    httpUrl = `http://127.0.0.1:${ports.http}`;
    wsUrl = `ws://127.0.0.1:${ports.websocket}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await server?.close();
    if (bundleDir !== '') await rm(bundleDir, { recursive: true, force: true });
  });

  /** A new page that fails the test on any uncaught error in it. */
  async function open(url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser!.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    return { page, errors };
  }

  it('sends 1000 messages over WebSocket and polls the same bytes back over HTTP', async () => {
    const { page, errors } = await open(`${pages!.origin}/test/roundtrip.html`);
    await page.waitForFunction(() => 'roundTrip' in window);
    const config = { httpUrl, wsUrl, username: 'iggy', password: 'iggy', stream: 'browser', topic: 'roundtrip', count: MESSAGES_COUNT, batchCount: 100, pollCount: 250, payloadBytesMax: 2048 };
    const result = (await page.evaluate((c) => (window as unknown as { roundTrip(c: unknown): Promise<unknown> }).roundTrip(c), config)) as RoundTrip;
    await page.close();
    expect(errors).toEqual([]);
    expect(result.transports).toEqual(['ws', 'http']);
    expect(result.mismatches).toEqual([]);
    expect(result.polled).toBe(MESSAGES_COUNT);
    expect(result.sent).toHaveLength(MESSAGES_COUNT);

    // The same bytes over TCP, from Node.
    const client = await connect({ port: server!.port, auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
    try {
      const polled = await client.messages.poll('browser', 'roundtrip', { partitionId: 0, strategy: PollingStrategies.offset(0n), count: MESSAGES_COUNT + 1 });
      expect(polled.messages).toHaveLength(MESSAGES_COUNT);
      expect(polled.messages.map(describeMessage)).toEqual(result.sent);
    } finally {
      await client.close();
    }
  });

  it('runs the sample page: send over WebSocket, poll over HTTP, show the messages', async () => {
    const query = new URLSearchParams({ http: httpUrl, ws: wsUrl, stream: 'sample', topic: 'greetings', text: 'hi', count: '3' });
    const { page, errors } = await open(`${pages!.origin}/samples/browser/index.html?${query}`);
    await page.click('#run');
    await page.waitForFunction(() => /^(done|failed)/.test(document.getElementById('status')!.textContent ?? ''));
    const status = await page.textContent('#status');
    const log = await page.textContent('#log');
    const payloads = await page.$$eval('#messages tr td:last-child', (cells) => cells.map((cell) => cell.textContent));
    await page.close();
    expect(errors).toEqual([]);
    expect({ status, log }).toMatchObject({ status: 'done: 3 messages' });
    expect(log).toContain('logged in over ws and http');
    expect(payloads).toEqual(['hi #1', 'hi #2', 'hi #3']);
  });
});
