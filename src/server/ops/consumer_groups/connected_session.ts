// Joining and leaving a consumer group make a *connection* a member (its
// client id), so they need a binary session. Iggy has no HTTP join/leave
// routes (HTTP.md §5.7); a caller without a session gets FeatureUnavailable
// (5), the code Iggy's SDKs give for a command their transport cannot carry
// (ERRORS.md), as GetMe does.
import { IggyError } from '../../../errors/iggy_error.js';
import type { Session } from '../../context.js';
import type { Principal } from '../principal.js';

export function connectedSession(principal: Principal, command: string): Session {
  if (principal.session === null) throw IggyError.of('FeatureUnavailable', `${command} needs a connected client; HTTP requests have none`);
  return principal.session;
}
