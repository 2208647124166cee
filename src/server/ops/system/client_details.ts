// ClientDetails of a connected session (BINARY.md §8.0), for GetMe and GetClient.
import type { ClientDetails, ClientRecord } from '../../../protocol/records/client_record.js';
import type { ServerContext, Session } from '../../context.js';

export function clientRecordOf(ctx: ServerContext, session: Session): ClientRecord {
  return {
    clientId: session.clientId,
    userId: session.userId,
    transport: session.transport,
    address: session.address,
    consumerGroupsCount: ctx.groups.groupsOf(session.clientId).length,
  };
}

export function clientDetailsOf(ctx: ServerContext, session: Session): ClientDetails {
  const consumerGroups = ctx.groups.groupsOf(session.clientId).map((g) => ({ streamId: g.streamId, topicId: g.topicId, groupId: g.groupId }));
  return {
    clientId: session.clientId,
    userId: session.userId,
    transport: session.transport,
    address: session.address,
    consumerGroupsCount: consumerGroups.length,
    consumerGroups,
  };
}
