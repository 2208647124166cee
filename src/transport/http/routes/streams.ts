// Stream routes (HTTP.md §5.4): each a binding and its op (bound.ts).
import * as b from '../../../protocol/http/bindings/streams.js';
import { createStream } from '../../../server/ops/streams/create_stream.js';
import { deleteStream } from '../../../server/ops/streams/delete_stream.js';
import { getStream } from '../../../server/ops/streams/get_stream.js';
import { getStreams } from '../../../server/ops/streams/get_streams.js';
import { purgeStream } from '../../../server/ops/streams/purge_stream.js';
import { updateStream } from '../../../server/ops/streams/update_stream.js';
import type { Route } from '../router.js';
import { boundRoute } from './bound.js';

export function streamRoutes(): Route[] {
  return [
    boundRoute(b.getStreamsBinding, getStreams, 'List streams'),
    boundRoute(b.createStreamBinding, createStream, 'Create a stream'),
    boundRoute(b.getStreamBinding, getStream, 'Get a stream and its topics'),
    boundRoute(b.updateStreamBinding, updateStream, 'Rename a stream'),
    boundRoute(b.deleteStreamBinding, deleteStream, 'Delete a stream'),
    boundRoute(b.purgeStreamBinding, purgeStream, 'Delete all messages of a stream'),
  ];
}
