// Credential length rules (BINARY.md §6), in bytes as Iggy counts them:
// username 3..=50 (InvalidUsername 43), password 3..=100 (InvalidPassword 44).
import { IggyError } from '../../../errors/iggy_error.js';
import { PROTOCOL } from '../../../limits.js';

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
