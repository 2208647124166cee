// Users, personal access tokens and the JWT login/refresh/logout routes over
// HTTP (HTTP.md §2.3, §5.2, §5.3). Login answers IdentityInfo: the user id the
// binary command returns plus the access token, which the SDK keeps.
import { createPersonalAccessToken } from '../../commands/personal_access_tokens/create_personal_access_token.js';
import { deletePersonalAccessToken } from '../../commands/personal_access_tokens/delete_personal_access_token.js';
import { getPersonalAccessTokens } from '../../commands/personal_access_tokens/get_personal_access_tokens.js';
import { loginWithPersonalAccessToken, type LoginWithPersonalAccessTokenRequest } from '../../commands/personal_access_tokens/login_with_personal_access_token.js';
import { changePassword } from '../../commands/users/change_password.js';
import { createUser } from '../../commands/users/create_user.js';
import { deleteUser } from '../../commands/users/delete_user.js';
import { getUser } from '../../commands/users/get_user.js';
import { getUsers } from '../../commands/users/get_users.js';
import { loginUser, type LoginUserRequest, type LoginUserResponse } from '../../commands/users/login_user.js';
import { logoutUser } from '../../commands/users/logout_user.js';
import { updatePermissions } from '../../commands/users/update_permissions.js';
import { updateUser } from '../../commands/users/update_user.js';
import type { Identifier } from '../../types.js';
import { bind, bodyFields, byId, emptyResponse, type HttpRequestIn, jsonResponse, listResponse, NO_REQUEST, nullableResponse } from '../binding.js';
import type { Fields } from '../fields.js';
import { identifierText } from '../path.js';
import { permissionsJson, readPermissions } from '../permissions.js';
import {
  personalAccessTokenJson, rawTokenJson, readPersonalAccessToken, readRawToken, readUserInfo, readUserInfoDetails,
  STATUS_NAMES, statusName, statusOf, userInfoDetailsJson, userInfoJson,
} from '../shapes.js';
import { idParam } from './params.js';

/** What an HTTP login gives: the binary response's user id and a JWT, `expiryS` its `exp` in seconds. */
export interface IdentityInfo extends LoginUserResponse {
  accessToken: { token: string; expiryS: number };
}

/** POST /users/refresh-token's request: the current access token. */
export interface RefreshTokenRequest {
  token: string;
}

const identityInfo = jsonResponse<IdentityInfo>(
  200,
  (i) => ({ user_id: i.userId, access_token: { token: i.accessToken.token, expiry: i.accessToken.expiryS } }),
  (f) => {
    const token = f.obj('access_token');
    return { userId: f.u32('user_id'), accessToken: { token: token.str('token'), expiryS: Number(token.u64('expiry')) } };
  },
);

const USER = '/users/:user_id';
const userParams = (r: { userId: Identifier }): Record<string, string> => ({ user_id: identifierText(r.userId) });
const readUserId = (r: HttpRequestIn): { userId: Identifier } => ({ userId: idParam(r, 'user_id') });
const userOnly = { write: (r: { userId: Identifier }) => ({ params: userParams(r), query: {} }), read: readUserId };
const readPermissionsField = (f: Fields) => (f.has('permissions') ? readPermissions(f.obj('permissions')) : null);

export const getUsersBinding = bind(getUsers, { method: 'GET', path: '/users' }, NO_REQUEST, listResponse(userInfoJson, readUserInfo, byId));
export const getUserBinding = bind(getUser, { method: 'GET', path: USER }, userOnly, nullableResponse(userInfoDetailsJson, readUserInfoDetails));

export const createUserBinding = bind(
  createUser,
  { method: 'POST', path: '/users' },
  {
    write: (r) => ({
      params: {}, query: {},
      body: { username: r.username, password: r.password, status: statusName(r.status), permissions: r.permissions === null ? null : permissionsJson(r.permissions) },
    }),
    read: (r) => {
      const f = bodyFields(r);
      return { username: f.str('username'), password: f.str('password'), status: statusOf(f.oneOf('status', STATUS_NAMES)), permissions: readPermissionsField(f) };
    },
  },
  jsonResponse(200, userInfoDetailsJson, readUserInfoDetails),
);

export const updateUserBinding = bind(
  updateUser,
  { method: 'PUT', path: USER },
  {
    write: (r) => ({ params: userParams(r), query: {}, body: { username: r.username ?? null, status: r.status == null ? null : statusName(r.status) } }),
    read: (r) => {
      const f = bodyFields(r);
      const status = f.has('status') ? statusOf(f.oneOf('status', STATUS_NAMES)) : null;
      return { ...readUserId(r), username: f.opt('username', f.str), status };
    },
  },
  emptyResponse(204),
);

export const deleteUserBinding = bind(deleteUser, { method: 'DELETE', path: USER }, userOnly, emptyResponse(204));

export const updatePermissionsBinding = bind(
  updatePermissions,
  { method: 'PUT', path: `${USER}/permissions` },
  {
    write: (r) => ({ params: userParams(r), query: {}, body: { permissions: r.permissions === null ? null : permissionsJson(r.permissions) } }),
    read: (r) => ({ ...readUserId(r), permissions: readPermissionsField(bodyFields(r)) }),
  },
  emptyResponse(204),
);

export const changePasswordBinding = bind(
  changePassword,
  { method: 'PUT', path: `${USER}/password` },
  {
    write: (r) => ({ params: userParams(r), query: {}, body: { current_password: r.currentPassword, new_password: r.newPassword } }),
    read: (r) => {
      const f = bodyFields(r);
      return { ...readUserId(r), currentPassword: f.str('current_password'), newPassword: f.str('new_password') };
    },
  },
  emptyResponse(204),
);

export const loginUserBinding = bind<LoginUserRequest, IdentityInfo>(
  loginUser,
  { method: 'POST', path: '/users/login', auth: false },
  {
    write: (r) => ({ params: {}, query: {}, body: { username: r.username, password: r.password, version: r.version, context: r.context } }),
    read: (r) => {
      const f = bodyFields(r);
      const request: LoginUserRequest = { username: f.str('username'), password: f.str('password') };
      const version = f.opt('version', f.str);
      const context = f.opt('context', f.str);
      if (version !== null) request.version = version;
      if (context !== null) request.context = context;
      return request;
    },
  },
  identityInfo,
);

export const logoutUserBinding = bind(logoutUser, { method: 'DELETE', path: '/users/logout' }, NO_REQUEST, emptyResponse(204));

/** No binary command: HTTP's own token exchange (HTTP.md §2.3). */
export const refreshTokenBinding = bind<RefreshTokenRequest, IdentityInfo>(
  { code: null, name: 'RefreshToken' },
  { method: 'POST', path: '/users/refresh-token', auth: false },
  { write: (r) => ({ params: {}, query: {}, body: { token: r.token } }), read: (r) => ({ token: bodyFields(r).str('token') }) },
  identityInfo,
);

export const getPersonalAccessTokensBinding = bind(
  getPersonalAccessTokens,
  { method: 'GET', path: '/personal-access-tokens' },
  NO_REQUEST,
  listResponse(personalAccessTokenJson, readPersonalAccessToken, (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
);

export const createPersonalAccessTokenBinding = bind(
  createPersonalAccessToken,
  { method: 'POST', path: '/personal-access-tokens' },
  {
    write: (r) => ({ params: {}, query: {}, body: { name: r.name, expiry: r.expiryUs } }),
    read: (r) => {
      const f = bodyFields(r);
      return { name: f.str('name'), expiryUs: f.u64('expiry') };
    },
  },
  jsonResponse(200, rawTokenJson, readRawToken),
);

export const deletePersonalAccessTokenBinding = bind(
  deletePersonalAccessToken,
  { method: 'DELETE', path: '/personal-access-tokens/:name' },
  { write: (r) => ({ params: { name: r.name }, query: {} }), read: (r) => ({ name: r.params.name ?? '' }) },
  emptyResponse(204),
);

export const loginWithPersonalAccessTokenBinding = bind<LoginWithPersonalAccessTokenRequest, IdentityInfo>(
  loginWithPersonalAccessToken,
  { method: 'POST', path: '/personal-access-tokens/login', auth: false },
  { write: (r) => ({ params: {}, query: {}, body: { token: r.token } }), read: (r) => ({ token: bodyFields(r).str('token') }) },
  identityInfo,
);
