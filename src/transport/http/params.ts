// Identifiers and u32 values in paths and queries (HTTP.md §1) are protocol
// facts the SDK shares, so they live in src/protocol/http/path.ts.
export { parseIdentifier, parseU32Param } from '../../protocol/http/path.js';
