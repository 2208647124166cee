// Shared response records (BINARY.md §8.0 and the GetStats/GetClusterMetadata/PAT layouts).
export * from './client_record.js';
export * from './cluster_metadata.js';
export * from './consumer_group_record.js';
export * from './enums.js';
export * from './partition_record.js';
export * from './personal_access_token_record.js';
export * from './stats.js';
export * from './stream_record.js';
export * from './topic_record.js';
export * from './user_record.js';
