// Proves the error table's retriable column drives the SDK's retry policy:
// exactly the network/hung-peer codes are 'connection', the forgotten-session
// codes are 'session', refusals by the server are not retriable, and only
// IggyErrors qualify (a plain Error is our bug: retrying would loop).
import { describe, expect, it } from 'vitest';
import { ERROR_TABLE, type ErrorEntry } from './codes.js';
import { IggyError, isRetriable, retriableOf } from './iggy_error.js';

const namesOf = (kind: string) =>
  Object.entries(ERROR_TABLE)
    .filter(([, entry]) => (entry as ErrorEntry).retriable === kind)
    .map(([name]) => name)
    .sort();

describe('retriable column', () => {
  it('marks the connection failures and the lost-session errors, nothing else', () => {
    expect(namesOf('connection')).toEqual(['CannotEstablishConnection', 'Disconnected', 'InvalidBytesResponse', 'NotConnected', 'TaskTimeout']);
    expect(namesOf('session')).toEqual(['ConsumerGroupMemberNotFound', 'StaleClient']);
    const kinds = new Set(Object.values(ERROR_TABLE).map((entry) => (entry as ErrorEntry).retriable));
    expect([...kinds].sort()).toEqual(['connection', 'session', undefined]);
  });

  it('reads the column by code, unknown codes as not retriable', () => {
    expect(retriableOf(8)).toBe('connection');
    expect(retriableOf(12001)).toBe('connection');
    expect(retriableOf(5006)).toBe('session');
    expect(retriableOf(42)).toBeUndefined();
    expect(retriableOf(999_999)).toBeUndefined();
  });

  it('classifies errors by kind, and only IggyErrors', () => {
    const disconnected = IggyError.of('Disconnected', 'peer closed');
    const stale = IggyError.fromCode(30);
    const refused = IggyError.of('InvalidCredentials', 'wrong password');
    expect(isRetriable(disconnected)).toBe(true);
    expect(isRetriable(disconnected, 'connection')).toBe(true);
    expect(isRetriable(disconnected, 'session')).toBe(false);
    expect(isRetriable(stale)).toBe(true);
    expect(isRetriable(stale, 'connection')).toBe(false);
    expect(isRetriable(refused)).toBe(false);
    expect(isRetriable(new Error('Disconnected'))).toBe(false);
    expect(isRetriable(undefined)).toBe(false);
  });
});
