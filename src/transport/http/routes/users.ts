// User and personal access token routes (HTTP.md §5.2, §5.3), each a binding
// and its op (bound.ts), and the two logins (§2.3): the login op proves the
// credentials and returns the user (HTTP has no session to bind it to), and
// the route issues that user's JWT as IdentityInfo.
import type { HttpBinding } from '../../../protocol/http/binding.js';
import * as b from '../../../protocol/http/bindings/users.js';
import type { IdentityInfo } from '../../../protocol/http/bindings/users.js';
import type { JsonValue } from '../../../protocol/http/json.js';
import { createPersonalAccessToken } from '../../../server/ops/personal_access_tokens/create_personal_access_token.js';
import { deletePersonalAccessToken } from '../../../server/ops/personal_access_tokens/delete_personal_access_token.js';
import { getPersonalAccessTokens } from '../../../server/ops/personal_access_tokens/get_personal_access_tokens.js';
import { loginWithPersonalAccessToken } from '../../../server/ops/personal_access_tokens/login_with_personal_access_token.js';
import { changePassword } from '../../../server/ops/users/change_password.js';
import { createUser } from '../../../server/ops/users/create_user.js';
import { deleteUser } from '../../../server/ops/users/delete_user.js';
import { getUser } from '../../../server/ops/users/get_user.js';
import { getUsers } from '../../../server/ops/users/get_users.js';
import { loginUser, type LoginOperation } from '../../../server/ops/users/login_user.js';
import { updatePermissions } from '../../../server/ops/users/update_permissions.js';
import { updateUser } from '../../../server/ops/users/update_user.js';
import type { JwtManager } from '../jwt.js';
import type { Route } from '../router.js';
import { boundDocs, boundRoute, routeResponse } from './bound.js';

export function userRoutes(): Route[] {
  return [
    boundRoute(b.getUsersBinding, getUsers, 'List users'),
    boundRoute(b.createUserBinding, createUser, 'Create a user'),
    boundRoute(b.getUserBinding, getUser, 'Get a user and its permissions'),
    boundRoute(b.updateUserBinding, updateUser, "Change a user's name or status"),
    boundRoute(b.deleteUserBinding, deleteUser, 'Delete a user'),
    boundRoute(b.updatePermissionsBinding, updatePermissions, "Replace a user's permissions"),
    boundRoute(b.changePasswordBinding, changePassword, "Change a user's password"),
  ];
}

export function personalAccessTokenRoutes(): Route[] {
  return [
    boundRoute(b.getPersonalAccessTokensBinding, getPersonalAccessTokens, "List the caller's personal access tokens"),
    boundRoute(b.createPersonalAccessTokenBinding, createPersonalAccessToken, 'Create a personal access token (shown once)'),
    boundRoute(b.deletePersonalAccessTokenBinding, deletePersonalAccessToken, 'Delete a personal access token'),
  ];
}

/** A public login route: binding parse -> login op -> a JWT for the user it proves -> IdentityInfo. */
function loginRoute<Request>(binding: HttpBinding<Request, IdentityInfo>, op: LoginOperation<Request>, jwt: JwtManager, summary: string): Route {
  return {
    method: binding.method,
    path: binding.path,
    auth: binding.auth,
    summary,
    command: binding.name,
    body: {},
    query: {},
    responses: boundDocs(binding as HttpBinding<unknown, unknown>),
    async handle({ ctx, params, query, body }) {
      const request = binding.readRequest({ params, query: query as Record<string, string>, body: body as JsonValue });
      const user = await op(ctx, null, request);
      const issued = await jwt.issue(user.id);
      return routeResponse(binding.writeResponse({ userId: user.id, accessToken: { token: issued.token, expiryS: issued.expiry } }));
    },
  };
}

export function loginRoutes(jwt: JwtManager): Route[] {
  return [
    loginRoute(b.loginUserBinding, loginUser, jwt, 'Log in with username and password'),
    loginRoute(b.loginWithPersonalAccessTokenBinding, loginWithPersonalAccessToken, jwt, 'Log in with a personal access token'),
  ];
}
