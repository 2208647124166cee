// Consumer (BINARY.md §3.2): [kind u8: 1 consumer, 2 consumer group][Identifier]
// Unknown kind → InvalidCommand (3).
import { IggyError } from '../errors/iggy_error.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from './identifier.js';
import type { Reader, Writer } from './reader.js';
import { type Consumer, ConsumerKind } from './types.js';

export function consumerSizeBytes(consumer: Consumer): number {
  return 1 + identifierSizeBytes(consumer.id);
}

export function readConsumer(reader: Reader): Consumer {
  const kind = reader.u8('consumer kind');
  if (kind !== ConsumerKind.Consumer && kind !== ConsumerKind.ConsumerGroup) {
    throw IggyError.of('InvalidCommand', `unknown consumer kind ${kind}`);
  }
  return { kind, id: readIdentifier(reader, 'consumer id') };
}

export function writeConsumer(writer: Writer, consumer: Consumer): Writer {
  return writeIdentifier(writer.u8(consumer.kind), consumer.id, 'consumer id');
}
