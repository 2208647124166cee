// Ping: no login needed; refreshes the session's heartbeat, the only command
// that does (BINARY.md §2.5, §8.1). Not an Operation: it has no principal
// (an anonymous binary client may ping), and over HTTP (no session) it is
// just a liveness answer.
import { nowUs } from '../../clients.js';
import type { ServerContext, Session } from '../../context.js';

export function ping(_ctx: ServerContext, session: Session | null): void {
  if (session !== null) session.lastHeartbeatUs = nowUs();
}
