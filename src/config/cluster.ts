// The [cluster] section of Iggy 0.8: clustering itself is not implemented,
// but GetClusterMetadata reports the configured nodes when enabled (as the
// 0.8 server does), and Iggy's SDK CI turns it on (IGGY_CLUSTER_ENABLED).
// `node.others` is a TOML array of tables, the one list-valued key of the
// config; in the environment (IGGY_CLUSTER_NODE_OTHERS) it is JSON.
//
//   [[cluster.node.others]]
//   name = "iggy-node-2"
//   ip = "127.0.0.1"
//   ports = { tcp = 8091, quic = 8081, http = 3001, websocket = 8093 }

export interface ClusterNodePorts {
  tcp?: number;
  quic?: number;
  http?: number;
  websocket?: number;
}

export interface ClusterNodeConfig {
  name: string;
  ip: string;
  /** Absent ports are reported as this server's configured port of that transport. */
  ports: ClusterNodePorts;
}

export interface ClusterConfig {
  enabled: boolean;
  name: string;
  node: { current: { name: string; ip: string }; others: ClusterNodeConfig[] };
}

/** Iggy 0.8's default: one other node next to this one. */
export const DEFAULT_OTHER_NODES: readonly ClusterNodeConfig[] = [
  { name: 'iggy-node-2', ip: '127.0.0.1', ports: { tcp: 8091, quic: 8081, http: 3001, websocket: 8093 } },
];

export const NODES_DESCRIPTION = 'a list of nodes { name, ip, ports = { tcp, quic, http, websocket } } (JSON in the environment)';

const PORT_KEYS = ['tcp', 'quic', 'http', 'websocket'] as const;

const isPort = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65_535;
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function parsePorts(raw: unknown): ClusterNodePorts | undefined {
  if (raw === undefined) return {};
  if (!isRecord(raw) || Object.keys(raw).some((key) => !(PORT_KEYS as readonly string[]).includes(key))) return undefined;
  const ports: ClusterNodePorts = {};
  for (const key of PORT_KEYS) {
    const value = typeof raw[key] === 'bigint' ? Number(raw[key]) : raw[key];
    if (value === undefined) continue;
    if (!isPort(value)) return undefined;
    ports[key] = value;
  }
  return ports;
}

function parseNode(raw: unknown): ClusterNodeConfig | undefined {
  if (!isRecord(raw) || Object.keys(raw).some((key) => !['name', 'ip', 'ports'].includes(key))) return undefined;
  const { name, ip } = raw;
  if (typeof name !== 'string' || name.length === 0 || typeof ip !== 'string' || ip.length === 0) return undefined;
  const ports = parsePorts(raw.ports);
  return ports === undefined ? undefined : { name, ip, ports };
}

/** TOML array of tables, or JSON text from the environment; undefined when invalid. */
export function parseNodes(raw: unknown): ClusterNodeConfig[] | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(value)) return undefined;
  const nodes = value.map(parseNode);
  return nodes.every((node) => node !== undefined) ? (nodes as ClusterNodeConfig[]) : undefined;
}
