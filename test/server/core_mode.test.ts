// Proves the suite really runs the server on the core IGGY_CORE names, so the
// second vitest project exercises the TypeScript twin end to end.
import { afterEach, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it('serves with the core named by IGGY_CORE', async () => {
  server = await startTestServer();
  const expected = process.env.IGGY_CORE === 'ts' ? 'ts' : 'wasm';
  expect(server.server.ctx.core.kind).toBe(expected);
});
