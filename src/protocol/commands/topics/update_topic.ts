// UpdateTopic — 304 (BINARY.md §8.37).
// Request: [stream_id Identifier][topic_id Identifier][compression u8][message_expiry u64]
//          [max_topic_size u64][replication_factor u8][name Name]
// All fields replace the current ones. Unknown compression → InvalidCommand (3).
// Response: empty OK.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';
import { type TopicSettingsFields, readTopicSettings, topicSettingsSizeBytes, writeTopicSettings } from './topic_settings.js';

export interface UpdateTopicRequest extends StreamTopic, TopicSettingsFields {}
export type UpdateTopicResponse = void;

export const updateTopic: CommandCodec<UpdateTopicRequest, UpdateTopicResponse> = {
  code: 304,
  name: 'UpdateTopic',
  request: defineCodec(
    (r) => streamTopicSizeBytes(r) + topicSettingsSizeBytes(r),
    (w, r) => writeTopicSettings(writeStreamTopic(w, r), r),
    (reader) => {
      const { streamId, topicId } = readStreamTopic(reader);
      return { streamId, topicId, ...readTopicSettings(reader) };
    },
  ),
  response: EMPTY_CODEC,
};
