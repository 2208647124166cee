// Token routes of HTTP.md §2.3 that are JWT bookkeeping only, with no domain
// operation behind them: refresh (the presented token is revoked and a new one
// issued for the same user, so a token refreshes once) and logout (the
// presented token is revoked). The logins, which run ops, are in users.ts.
import { IggyError } from '../../../errors/iggy_error.js';
import { iggyErrorResponse } from '../errors.js';
import { logoutUserBinding, refreshTokenBinding } from '../../../protocol/http/bindings/users.js';
import { writeJson } from '../../../protocol/http/json.js';
import type { IssuedToken, JwtManager } from '../jwt.js';
import { empty, json, type Route } from '../router.js';
import { str } from '../schema.js';
import { ERROR_DOC, IDENTITY_INFO_SCHEMA } from './docs.js';

/** IdentityInfo (HTTP.md §2.3), as the shared binding writes it (the SDK reads it with the same one). */
export function identityInfoJson(userId: number, issued: IssuedToken): string {
  return writeJson(refreshTokenBinding.writeResponse({ userId, accessToken: { token: issued.token, expiryS: issued.expiry } }).json!);
}

export function tokenRoutes(jwt: JwtManager): Route[] {
  return [
    {
      method: refreshTokenBinding.method,
      path: refreshTokenBinding.path,
      auth: refreshTokenBinding.auth,
      command: refreshTokenBinding.name,
      summary: 'Exchange a valid access token for a new one (the old one is revoked)',
      body: { token: str({ min: 1 }) },
      responses: { 200: { description: 'IdentityInfo', schema: IDENTITY_INFO_SCHEMA }, 400: ERROR_DOC, 401: ERROR_DOC },
      async handle({ body }: { body: { token: string } }) {
        const principal = await jwt.verify(body.token);
        if (principal === null) return iggyErrorResponse(IggyError.of('InvalidAccessToken', 'token is invalid, expired or already used'));
        jwt.revoke(principal.tokenId, principal.tokenExpiryS);
        return json(200, identityInfoJson(principal.userId, await jwt.issue(principal.userId)));
      },
    },
    {
      method: logoutUserBinding.method,
      path: logoutUserBinding.path,
      auth: logoutUserBinding.auth,
      command: logoutUserBinding.name,
      summary: 'Revoke the presented access token',
      responses: { 204: { description: 'Logged out' }, 401: { description: 'Missing, invalid, expired or revoked token' } },
      handle({ principal }) {
        // auth: true guarantees a principal.
        jwt.revoke(principal!.tokenId, principal!.tokenExpiryS);
        return empty(204);
      },
    },
  ];
}
