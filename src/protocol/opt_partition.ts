// OptPartition (BINARY.md §3.3), always 5 bytes: [flag u8: 1 = present][partition_id u32]
// Only flag 1 means present; any other value is absent (the id is then
// ignored). Encoders write id 0 when absent.
import type { Reader, Writer } from './reader.js';

export const OPT_PARTITION_BYTES = 5;

/** null = absent. */
export function readOptPartition(reader: Reader): number | null {
  const flag = reader.u8('partition flag');
  const partitionId = reader.u32('partition id');
  return flag === 1 ? partitionId : null;
}

export function writeOptPartition(writer: Writer, partitionId: number | null | undefined): Writer {
  return partitionId === null || partitionId === undefined ? writer.u8(0).u32(0) : writer.u8(1).u32(partitionId);
}
