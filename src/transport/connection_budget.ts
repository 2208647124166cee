// One limit on open connections across every listener (limits.connections_max):
// a client cannot dodge it by spreading connections over TCP, QUIC and
// WebSocket. Counted here, not in the client registry: the registry drops
// stale sessions and merges ids that hash alike while their sockets stay open.
import { assert } from '../assert.js';

export class ConnectionBudget {
  readonly connectionsMax: number;
  #connectionsCount = 0;

  constructor(connectionsMax: number) {
    assert(connectionsMax >= 0, `connections_max ${connectionsMax} is negative`);
    this.connectionsMax = connectionsMax;
  }

  get connectionsCount(): number {
    return this.#connectionsCount;
  }

  /** Takes one slot; false when all are taken (refuse the connection). */
  tryAcquire(): boolean {
    if (this.#connectionsCount >= this.connectionsMax) return false;
    this.#connectionsCount++;
    return true;
  }

  /** Gives back a slot taken by tryAcquire(), once per connection, when it closes. */
  release(): void {
    assert(this.#connectionsCount > 0, 'connection budget released more often than acquired');
    this.#connectionsCount--;
  }
}
