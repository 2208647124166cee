// Periodic purge of expired personal access tokens (`personal_access_token.cleaner`,
// every minute by default, as Iggy 0.8). Expired tokens are also refused at
// login regardless (54), so the cleaner only bounds what stays on disk.
import { log } from '../../log.js';
import type { UserStore } from './user_store.js';
import { nowUs } from '../clients.js';
import { isTokenExpired } from './token.js';

/** Deletes every expired token; returns how many. */
export async function deleteExpiredTokens(users: UserStore, now: bigint = nowUs()): Promise<number> {
  let deleted = 0;
  for (const user of users.listUsers()) {
    for (const token of users.listPersonalAccessTokens(user.id)) {
      if (isTokenExpired(token.expiryAtUs, now)) {
        await users.deletePersonalAccessToken(user.id, token.name);
        deleted++;
      }
    }
  }
  return deleted;
}

/** Starts the cleaner; returns its stop function. `intervalUs` Infinity or 0 = never runs. */
export function startTokenCleaner(users: UserStore, intervalUs: number): () => void {
  if (!Number.isFinite(intervalUs) || intervalUs <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deleteExpiredTokens(users)
      .then((count) => {
        if (count > 0) log.info({ count }, 'expired personal access tokens deleted');
      })
      .catch((error: unknown) => log.warn({ error: String(error) }, 'personal access token cleaner failed'))
      .finally(() => {
        running = false;
      });
  }, Math.max(1, Math.floor(intervalUs / 1000)));
  timer.unref();
  return () => clearInterval(timer);
}
