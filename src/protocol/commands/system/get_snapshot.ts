// GetSnapshot — 11 (BINARY.md §8.3).
// Request: [compression u8 1..=6][types_count u8 K][type u8 × K]
//   compression: 1 stored, 2 deflated, 3 bzip2, 4 zstd, 5 lzma, 6 xz
//   types: 1 filesystem_overview, 2 process_list, 3 resource_usage, 4 test,
//          5 server_logs, 6 server_config, 100 all (alone only)
// Unknown compression/type, or 100 with another type → InvalidCommand (3).
// Response: the raw bytes of a ZIP archive, no framing.
import { IggyError } from '../../../errors/iggy_error.js';
import { type Codec, type CommandCodec, defineCodec } from '../../codec.js';

export const SnapshotCompression = { Stored: 1, Deflated: 2, Bzip2: 3, Zstd: 4, Lzma: 5, Xz: 6 } as const;
export type SnapshotCompression = (typeof SnapshotCompression)[keyof typeof SnapshotCompression];

export const SnapshotType = {
  FilesystemOverview: 1, ProcessList: 2, ResourceUsage: 3, Test: 4, ServerLogs: 5, ServerConfig: 6, All: 100,
} as const;
export type SnapshotType = (typeof SnapshotType)[keyof typeof SnapshotType];

export interface GetSnapshotRequest {
  compression: SnapshotCompression;
  types: SnapshotType[];
}
/** The ZIP archive (a view when decoded). */
export type GetSnapshotResponse = Uint8Array;

function isSnapshotType(code: number): code is SnapshotType {
  return (code >= 1 && code <= 6) || code === 100;
}

const zipBytes: Codec<Uint8Array> = {
  sizeBytes: (zip) => zip.length,
  encodeInto(target, offset, zip) {
    target.set(zip, offset);
    return offset + zip.length;
  },
  decode: (payload) => payload,
};

export const getSnapshot: CommandCodec<GetSnapshotRequest, GetSnapshotResponse> = {
  code: 11,
  name: 'GetSnapshot',
  request: defineCodec(
    (r) => 2 + r.types.length,
    (w, r) => {
      w.u8(r.compression).u8(r.types.length);
      for (const type of r.types) w.u8(type);
    },
    (reader) => {
      const compression = reader.u8('snapshot compression');
      if (compression < 1 || compression > 6) throw IggyError.of('InvalidCommand', `unknown snapshot compression ${compression}`);
      const count = reader.u8('snapshot types count');
      const types: SnapshotType[] = [];
      for (let i = 0; i < count; i++) {
        const type = reader.u8('snapshot type');
        if (!isSnapshotType(type)) throw IggyError.of('InvalidCommand', `unknown snapshot type ${type}`);
        types.push(type);
      }
      if (types.includes(SnapshotType.All) && types.length > 1) {
        throw IggyError.of('InvalidCommand', 'snapshot type "all" cannot be combined with other types');
      }
      return { compression: compression as SnapshotCompression, types };
    },
  ),
  response: zipBytes,
};
