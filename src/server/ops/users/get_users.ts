// GetUsers: read_users or manage_users; UserRecords ascending by id (BINARY.md §8.9).
import type { GetUsersRequest, GetUsersResponse } from '../../../protocol/commands/users/get_users.js';
import type { Operation } from '../principal.js';
import { userRecordOf } from './user_details.js';

export const getUsers: Operation<GetUsersRequest, GetUsersResponse> = (ctx, principal) => {
  ctx.authorizer.authorize(principal.user, 'read_users');
  return ctx.users
    .listUsers()
    .sort((a, b) => a.id - b.id)
    .map(userRecordOf);
};
