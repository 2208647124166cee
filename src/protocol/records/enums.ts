// Small enumerations (BINARY.md §3.8): unknown codes → InvalidCommand (3).
import { IggyError } from '../../errors/iggy_error.js';
import type { Reader } from '../reader.js';
import { CompressionAlgorithm, Transport, UserStatus } from '../types.js';

export function isCompression(code: number | undefined): code is CompressionAlgorithm {
  return code === CompressionAlgorithm.None || code === CompressionAlgorithm.Gzip;
}

export function readCompression(reader: Reader): CompressionAlgorithm {
  const code = reader.u8('compression algorithm');
  if (code !== CompressionAlgorithm.None && code !== CompressionAlgorithm.Gzip) {
    throw IggyError.of('InvalidCommand', `unknown compression algorithm ${code}`);
  }
  return code;
}

export function readUserStatus(reader: Reader): UserStatus {
  const code = reader.u8('user status');
  if (code !== UserStatus.Active && code !== UserStatus.Inactive) throw IggyError.of('InvalidCommand', `unknown user status ${code}`);
  return code;
}

export function readTransport(reader: Reader): Transport {
  const code = reader.u8('transport');
  if (code < Transport.Tcp || code > Transport.WebSocket) throw IggyError.of('InvalidCommand', `unknown transport ${code}`);
  return code as Transport;
}
