// ClusterMetadata (GetClusterMetadata response, BINARY.md §8.4):
//   [cluster_name str32][nodes_count u32]
//   per node: [name str32][ip str32][tcp u16][quic u16][http u16][websocket u16]
//             [role u8: 0 leader, 1 follower][status u8: 0 healthy, 1 starting,
//              2 stopping, 3 unreachable, 4 maintenance]
// Unknown role/status → InvalidCommand (3) (status 5 "unknown" is rejected, as
// the Rust SDK rejects it).
import { IggyError } from '../../errors/iggy_error.js';
import { type Reader, type Writer, str32SizeBytes } from '../reader.js';

export const ClusterNodeRole = { Leader: 0, Follower: 1 } as const;
export type ClusterNodeRole = (typeof ClusterNodeRole)[keyof typeof ClusterNodeRole];

export const ClusterNodeStatus = { Healthy: 0, Starting: 1, Stopping: 2, Unreachable: 3, Maintenance: 4 } as const;
export type ClusterNodeStatus = (typeof ClusterNodeStatus)[keyof typeof ClusterNodeStatus];

export interface ClusterNode {
  name: string;
  ip: string;
  endpoints: { tcp: number; quic: number; http: number; websocket: number };
  role: ClusterNodeRole;
  status: ClusterNodeStatus;
}

export interface ClusterMetadata {
  name: string;
  nodes: ClusterNode[];
}

const NODE_FIXED_BYTES = 8 + 2;

export function clusterMetadataSizeBytes(metadata: ClusterMetadata): number {
  let size = str32SizeBytes(metadata.name) + 4;
  for (const node of metadata.nodes) size += str32SizeBytes(node.name) + str32SizeBytes(node.ip) + NODE_FIXED_BYTES;
  return size;
}

export function writeClusterMetadata(writer: Writer, metadata: ClusterMetadata): void {
  writer.str32(metadata.name).u32(metadata.nodes.length);
  for (const node of metadata.nodes) {
    const e = node.endpoints;
    writer.str32(node.name).str32(node.ip).u16(e.tcp).u16(e.quic).u16(e.http).u16(e.websocket).u8(node.role).u8(node.status);
  }
}

export function readClusterMetadata(reader: Reader): ClusterMetadata {
  const name = reader.str32('cluster name');
  const count = reader.u32('nodes_count');
  reader.need(count * (8 + NODE_FIXED_BYTES), 'cluster nodes'); // each node is at least this big
  const nodes: ClusterNode[] = [];
  for (let i = 0; i < count; i++) {
    const nodeName = reader.str32('node name');
    const ip = reader.str32('node ip');
    const endpoints = { tcp: reader.u16('tcp port'), quic: reader.u16('quic port'), http: reader.u16('http port'), websocket: reader.u16('websocket port') };
    const role = reader.u8('node role');
    const status = reader.u8('node status');
    if (role > ClusterNodeRole.Follower) throw IggyError.of('InvalidCommand', `unknown node role ${role}`);
    if (status > ClusterNodeStatus.Maintenance) throw IggyError.of('InvalidCommand', `unknown node status ${status}`);
    nodes.push({ name: nodeName, ip, endpoints, role: role as ClusterNodeRole, status: status as ClusterNodeStatus });
  }
  return { name, nodes };
}
