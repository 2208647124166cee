// GetClusterMetadata (12): decode -> op -> encoded reply.
import { getClusterMetadata as command } from '../../../protocol/commands/system/get_cluster_metadata.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getClusterMetadata } from '../../ops/system/get_cluster_metadata.js';

export const getClusterMetadataHandler: CommandHandler<void> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session) {
    return encodeReply(command.response, await getClusterMetadata(ctx, sessionPrincipal(ctx, session), undefined));
  },
};
