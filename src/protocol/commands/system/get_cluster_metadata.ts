// GetClusterMetadata — 12 (BINARY.md §8.4). Request: empty.
// Response: ClusterMetadata (records/cluster_metadata.ts).
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type ClusterMetadata, clusterMetadataSizeBytes, readClusterMetadata, writeClusterMetadata } from '../../records/cluster_metadata.js';

export type GetClusterMetadataRequest = void;
export type GetClusterMetadataResponse = ClusterMetadata;

export const getClusterMetadata: CommandCodec<GetClusterMetadataRequest, GetClusterMetadataResponse> = {
  code: 12,
  name: 'GetClusterMetadata',
  request: EMPTY_CODEC,
  response: defineCodec(clusterMetadataSizeBytes, writeClusterMetadata, readClusterMetadata),
};
