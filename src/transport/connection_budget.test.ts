// The shared connection budget: slots up to the maximum, refusal beyond it,
// a released slot usable again, and a release without an acquire caught as our bug.
import { describe, expect, it } from 'vitest';
import { AssertionError } from '../assert.js';
import { ConnectionBudget } from './connection_budget.js';

describe('ConnectionBudget', () => {
  it('grants connectionsMax slots, refuses the next, and reuses a released one', () => {
    const budget = new ConnectionBudget(2);
    expect([budget.tryAcquire(), budget.tryAcquire(), budget.tryAcquire()]).toEqual([true, true, false]);
    expect(budget.connectionsCount).toBe(2);
    budget.release();
    expect(budget.connectionsCount).toBe(1);
    expect(budget.tryAcquire()).toBe(true);
  });

  it('asserts on a release without an acquire', () => {
    expect(() => new ConnectionBudget(1).release()).toThrow(AssertionError);
  });
});
