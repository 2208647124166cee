// CreateStream: global manage_streams, checked before anything else (BINARY.md
// §5.2); a taken name -> 1012 (storage). Returns the new stream: binary
// clients decode its StreamRecord, HTTP answers it as StreamDetails (no topics yet).
import type { CreateStreamRequest, CreateStreamResponse } from '../../../protocol/commands/streams/create_stream.js';
import type { Operation } from '../principal.js';

export const createStream: Operation<CreateStreamRequest, CreateStreamResponse> = async (ctx, principal, request) => {
  ctx.authorizer.authorize(principal.user, 'create_stream');
  return ctx.storage.createStream(request.name);
};
