// Path params and query values shared by the bindings: identifiers as id or
// name (path.ts), and the stream/topic(/group) prefix most routes share.
import type { StreamTopic, StreamTopicGroup } from '../../commands/stream_topic.js';
import type { Identifier } from '../../types.js';
import { IggyError } from '../../../errors/iggy_error.js';
import { utf8Length } from '../../reader.js';
import type { HttpRequestIn } from '../binding.js';
import type { Fields } from '../fields.js';
import { identifierText, parseBoolParam, parseIdentifier, parseU32Param, parseU64Param } from '../path.js';

export const STREAM = '/streams/:stream_id';
export const TOPIC = `${STREAM}/topics/:topic_id`;

export const streamParams = (r: { streamId: Identifier }): Record<string, string> => ({ stream_id: identifierText(r.streamId) });
export const streamTopicParams = (r: StreamTopic): Record<string, string> => ({ ...streamParams(r), topic_id: identifierText(r.topicId) });
export const streamTopicGroupParams = (r: StreamTopicGroup): Record<string, string> => ({ ...streamTopicParams(r), group_id: identifierText(r.groupId) });

/** A path param the route template guarantees; parsed as an identifier. */
export function idParam(request: HttpRequestIn, name: string): Identifier {
  return parseIdentifier(request.params[name] ?? '', name);
}

export function u32Param(request: HttpRequestIn, name: string): number {
  return parseU32Param(request.params[name] ?? '', name);
}

export const readStreamId = (r: HttpRequestIn): { streamId: Identifier } => ({ streamId: idParam(r, 'stream_id') });
export const readStreamTopic = (r: HttpRequestIn): StreamTopic => ({ streamId: idParam(r, 'stream_id'), topicId: idParam(r, 'topic_id') });
export const readStreamTopicGroup = (r: HttpRequestIn): StreamTopicGroup => ({ ...readStreamTopic(r), groupId: idParam(r, 'group_id') });

/** Query readers: absent (or empty) values give `fallback`. */
export const query = {
  u32: (r: HttpRequestIn, name: string, fallback: number | null): number | null => {
    const text = r.query[name];
    return text === undefined || text === '' ? fallback : parseU32Param(text, name);
  },
  u64: (r: HttpRequestIn, name: string, fallback: bigint): bigint => {
    const text = r.query[name];
    return text === undefined || text === '' ? fallback : parseU64Param(text, name);
  },
  bool: (r: HttpRequestIn, name: string, fallback: boolean): boolean => {
    const text = r.query[name];
    return text === undefined || text === '' ? fallback : parseBoolParam(text, name);
  },
  id: (r: HttpRequestIn, name: string, fallback: Identifier): Identifier => {
    const text = r.query[name];
    return text === undefined || text === '' ? fallback : parseIdentifier(text, name);
  },
};

/** A u32 that must be present in the query (DeleteSegments' segments_count). */
export function requiredU32Query(r: HttpRequestIn, name: string): number {
  return parseU32Param(r.query[name] ?? '', name);
}

/**
 * A stream, topic or group name in a body: 1..=255 UTF-8 bytes, else `error`
 * (1013, 2014, 5005; HTTP.md §5.4, §5.5, §5.7). The binary codec cannot carry
 * a longer name (its length is a u8), so only JSON needs the check.
 */
export function nameField(f: Fields, key: string, error: 'InvalidStreamName' | 'InvalidTopicName' | 'InvalidConsumerGroupName'): string {
  const value = f.str(key);
  const bytes = utf8Length(value);
  if (bytes === 0 || bytes > 255) throw IggyError.of(error, `${f.name(key)}: name of ${bytes} bytes, expected 1..=255`);
  return value;
}
