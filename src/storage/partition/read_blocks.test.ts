// Proves when a read block's buffer is reused: only once the block left the
// list and every slice lent from it was returned, never while one is out,
// and never for a slice that was leased but never returned; and that block
// buffers are carved from their arena until it is used up.
import { describe, expect, it } from 'vitest';
import type { Segment } from '../segment/segment.js';
import { BLOCK_CLASS_BYTES, BlockBuffers } from './block_buffers.js';
import { type ReadBlock, ReadBlocks } from './read_blocks.js';

function blockOf(blocks: ReadBlocks, segment: Segment, sizeBytes: number): ReadBlock {
  const bytes = blocks.buffers.take(sizeBytes);
  const load = Promise.resolve({ bytes, verified: true });
  const block: ReadBlock = { segment, start: 0, end: sizeBytes, entryEnd: 1, ahead: false, load, loaded: null, lent: 0, evicted: false };
  blocks.add(block);
  return block;
}

describe('ReadBlocks lending', () => {
  it('recycles an evicted block once every lent slice came back', async () => {
    const blocks = new ReadBlocks();
    const segment = {} as Segment;
    const block = blockOf(blocks, segment, 100_000);
    await block.load;
    blocks.lease(block);
    const view = block.loaded!.bytes.subarray(0, 10);
    blocks.lend(block, view);
    blocks.forgetSegment(segment);
    expect(blocks.buffers.recycled).toBe(0); // a slice is still out
    blocks.returned(view);
    expect(blocks.buffers.recycled).toBe(1);
    blocks.returned(view); // twice, or a view not ours: ignored
    blocks.returned(new Uint8Array(4));
    expect(blocks.buffers.recycled).toBe(1);
    expect(blocks.buffers.take(100_000).buffer).toBe(view.buffer);
  });

  it('never recycles a block with a leased slice that is never returned', async () => {
    const blocks = new ReadBlocks();
    const segment = {} as Segment;
    const block = blockOf(blocks, segment, 1000);
    await block.load;
    blocks.lease(block); // e.g. a poll whose other part failed
    blocks.forgetSegment(segment);
    expect(blocks.buffers.recycled).toBe(0);
  });

  it('carves block buffers from the arena, then from fresh memory, and recycles only views it handed out', () => {
    const arena = Buffer.alloc(2 * BLOCK_CLASS_BYTES);
    const buffers = new BlockBuffers(arena.length, () => arena);
    const a = buffers.take(100);
    const b = buffers.take(BLOCK_CLASS_BYTES);
    expect(a.buffer).toBe(arena.buffer);
    expect(b.byteOffset).toBe(BLOCK_CLASS_BYTES);
    expect(buffers.take(10).buffer).not.toBe(arena.buffer);
    buffers.recycle(a.subarray(1)); // not a view it handed out
    expect(buffers.recycled).toBe(0);
    buffers.recycle(a);
    expect(buffers.take(50).byteOffset).toBe(0);
  });
});
