// The handler registry: every command the server answers, keyed by code once
// at start-up (src/server/dispatch.ts). System, user and token commands live
// here; the data plane (streams .. consumer groups) comes from data_plane.ts.
import type { CommandHandler } from '../context.js';
import { DATA_PLANE_HANDLERS } from './data_plane.js';
import { createPersonalAccessTokenHandler } from './personal_access_tokens/create_personal_access_token.js';
import { deletePersonalAccessTokenHandler } from './personal_access_tokens/delete_personal_access_token.js';
import { getPersonalAccessTokensHandler } from './personal_access_tokens/get_personal_access_tokens.js';
import { loginWithPersonalAccessTokenHandler } from './personal_access_tokens/login_with_personal_access_token.js';
import { getClientHandler } from './system/get_client.js';
import { getClientsHandler } from './system/get_clients.js';
import { getClusterMetadataHandler } from './system/get_cluster_metadata.js';
import { getMeHandler } from './system/get_me.js';
import { getSnapshotHandler } from './system/get_snapshot.js';
import { getStatsHandler } from './system/get_stats.js';
import { pingHandler } from './system/ping.js';
import { changePasswordHandler } from './users/change_password.js';
import { createUserHandler } from './users/create_user.js';
import { deleteUserHandler } from './users/delete_user.js';
import { getUserHandler } from './users/get_user.js';
import { getUsersHandler } from './users/get_users.js';
import { loginUserHandler } from './users/login_user.js';
import { logoutUserHandler } from './users/logout_user.js';
import { updatePermissionsHandler } from './users/update_permissions.js';
import { updateUserHandler } from './users/update_user.js';

/** System (1..22), users (31..39) and personal access tokens (41..44). */
export const CONTROL_PLANE_HANDLERS: readonly CommandHandler[] = [
  pingHandler,
  getStatsHandler,
  getSnapshotHandler,
  getClusterMetadataHandler,
  getMeHandler,
  getClientHandler,
  getClientsHandler,
  getUserHandler,
  getUsersHandler,
  createUserHandler,
  deleteUserHandler,
  updateUserHandler,
  updatePermissionsHandler,
  changePasswordHandler,
  loginUserHandler,
  logoutUserHandler,
  getPersonalAccessTokensHandler,
  createPersonalAccessTokenHandler,
  deletePersonalAccessTokenHandler,
  loginWithPersonalAccessTokenHandler,
] as CommandHandler[];

export const ALL_HANDLERS: readonly CommandHandler[] = [...CONTROL_PLANE_HANDLERS, ...DATA_PLANE_HANDLERS];
