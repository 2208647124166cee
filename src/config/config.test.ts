// Proves defaults match Iggy 0.8, that file and env layers apply in order,
// and that every bad value is reported with its key, value and what is allowed.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { parseDurationUs, parseSize } from './units.js';

describe('config', () => {
  it('has Iggy 0.8 defaults', () => {
    const config = loadConfig({ env: {} });
    expect(config.tcp.address).toBe('127.0.0.1:8090');
    expect(config.quic.address).toBe('127.0.0.1:8080');
    expect(config.http.address).toBe('127.0.0.1:3000');
    expect(config.websocket.address).toBe('127.0.0.1:8092');
    expect(config.system.path).toBe('local_data');
    expect(config.system.segment.size).toBe(1024 ** 3);
    expect(config.system.partition.messages_required_to_save).toBe(1024);
    expect(config.system.topic.message_expiry).toBe(Infinity);
    expect(config.system.topic.max_size).toBe(Infinity);
    expect(config.message_saver.interval).toBe(30e6);
    expect(config.consumer_group.rebalancing_timeout).toBe(30e6);
    expect(config.root).toEqual({ username: 'iggy', password: null });
  });

  it('applies TOML, then IGGY_<SECTION>_<KEY> env overrides', () => {
    const config = loadConfig({
      tomlText: '[system]\npath = "/tmp/x"\n[system.segment]\nsize = "10 MB"\n[tcp]\naddress = "0.0.0.0:1"\n',
      env: { IGGY_TCP_ADDRESS: '127.0.0.1:0', IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC: 'true', IGGY_ROOT_PASSWORD: 'secret' },
    });
    expect(config.system.path).toBe('/tmp/x');
    expect(config.system.segment.size).toBe(10_000_000);
    expect(config.tcp.address).toBe('127.0.0.1:0');
    expect(config.system.partition.enforce_fsync).toBe(true);
    expect(config.root.password).toBe('secret');
  });

  it('names key, value and what is allowed for a bad value', () => {
    const run = () => loadConfig({ env: { IGGY_TCP_ADDRESS: 'nowhere', IGGY_SYSTEM_CORE: 'gpu' } });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/tcp\.address = "nowhere" \(from IGGY_TCP_ADDRESS\) is invalid: expected an address/);
    expect(run).toThrow(/system\.core = "gpu" .* expected one of "auto", "wasm", "ts"/);
  });

  it('rejects a negative or non-integer count and unknown TOML keys', () => {
    expect(() => loadConfig({ env: { IGGY_LIMITS_CONNECTIONS_MAX: '-3' } })).toThrow(/limits\.connections_max = "-3"/);
    expect(() => loadConfig({ env: {}, tomlText: '[tcp]\nadress = "x"\n' })).toThrow(/unknown key\(s\) tcp\.adress/);
    expect(() => loadConfig({ env: {}, tomlText: '[tcp\n' })).toThrow(/not valid TOML/);
  });

  it('parses sizes and durations in Iggy notation', () => {
    expect(parseSize('1 MiB')).toBe(1_048_576);
    expect(parseSize('2 MB')).toBe(2_000_000);
    expect(parseSize('unlimited')).toBe(Infinity);
    expect(parseSize('lots')).toBeNull();
    expect(parseDurationUs('30 s')).toBe(30e6);
    expect(parseDurationUs('7 days')).toBe(7 * 86_400e6);
    expect(parseDurationUs('1 h 30 m')).toBe(5_400e6);
    expect(parseDurationUs('none')).toBe(Infinity);
    expect(parseDurationUs('soon')).toBeNull();
  });
});

describe('config [cluster]', () => {
  it("has Iggy 0.8's defaults and takes IGGY_CLUSTER_ENABLED", () => {
    const config = loadConfig({ env: {} });
    expect(config.cluster).toEqual({
      enabled: false,
      name: 'iggy-cluster',
      node: {
        current: { name: 'iggy-node-1', ip: '127.0.0.1' },
        others: [{ name: 'iggy-node-2', ip: '127.0.0.1', ports: { tcp: 8091, quic: 8081, http: 3001, websocket: 8093 } }],
      },
    });
    expect(loadConfig({ env: { IGGY_CLUSTER_ENABLED: 'true' } }).cluster.enabled).toBe(true);
  });

  it('reads node.others as a TOML array of tables or JSON from the environment', () => {
    const tomlText = '[[cluster.node.others]]\nname = "n2"\nip = "10.0.0.2"\nports = { tcp = 1, websocket = 2 }\n[[cluster.node.others]]\nname = "n3"\nip = "10.0.0.3"\n';
    expect(loadConfig({ env: {}, tomlText }).cluster.node.others).toEqual([
      { name: 'n2', ip: '10.0.0.2', ports: { tcp: 1, websocket: 2 } },
      { name: 'n3', ip: '10.0.0.3', ports: {} },
    ]);
    const env = { IGGY_CLUSTER_NODE_OTHERS: '[{"name":"x","ip":"::1"}]' };
    expect(loadConfig({ env }).cluster.node.others).toEqual([{ name: 'x', ip: '::1', ports: {} }]);
  });

  it('names the key for a bad node', () => {
    const tomlText = '[[cluster.node.others]]\nname = "n2"\nip = "10.0.0.2"\nports = { tcp = 70000 }\n';
    expect(() => loadConfig({ env: {}, tomlText })).toThrow(/cluster\.node\.others = .* is invalid: expected a list of nodes/);
  });
});

describe('config [websocket] and [quic]', () => {
  it("has Iggy's defaults plus our QUIC ALPN", () => {
    const config = loadConfig({ env: {} });
    expect(config.websocket.max_message_size).toBe(64 * 1024 * 1024);
    expect(config.websocket.max_frame_size).toBe(16 * 1024 * 1024);
    expect(config.websocket.tls).toEqual({ enabled: false, self_signed: true, cert_file: '', key_file: '' });
    expect(config.quic.alpn).toBe('iggy');
    expect(config.quic.receive_window).toBe(100_000);
    expect(config.quic.max_idle_timeout).toBe(10e6);
  });
});
