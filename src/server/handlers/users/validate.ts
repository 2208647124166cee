// Credential length rules (BINARY.md §6), in bytes as Iggy counts them:
// username 3..=50 (InvalidUsername 43), password 3..=100 (InvalidPassword 44).
import { IggyError } from '../../../errors/iggy_error.js';
import { PROTOCOL } from '../../../limits.js';
import type { Identifier } from '../../../protocol/types.js';

export function checkUsername(username: string): void {
  const length = Buffer.byteLength(username, 'utf8');
  if (length < PROTOCOL.usernameBytesMin || length > PROTOCOL.usernameBytesMax) {
    throw IggyError.of('InvalidUsername', `username must be ${PROTOCOL.usernameBytesMin}..=${PROTOCOL.usernameBytesMax} bytes, got ${length}`);
  }
}

export function checkPassword(password: string): void {
  const length = Buffer.byteLength(password, 'utf8');
  if (length < PROTOCOL.passwordBytesMin || length > PROTOCOL.passwordBytesMax) {
    throw IggyError.of('InvalidPassword', `password must be ${PROTOCOL.passwordBytesMin}..=${PROTOCOL.passwordBytesMax} bytes, got ${length}`);
  }
}

/**
 * LoginUser's username lookup (BINARY.md §6 quirk): Iggy parses the text as an
 * Identifier, so a username of digits only that fits in u32 is a user id.
 */
export function loginIdentifier(username: string): Identifier {
  if (/^\d+$/.test(username)) {
    const value = Number(username);
    if (value <= 0xffff_ffff) return { kind: 'numeric', value };
  }
  return { kind: 'string', value: username };
}
