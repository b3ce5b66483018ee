import { z } from '@hono/zod-openapi';
import { setCookie, deleteCookie } from 'hono/cookie';
import { defineRoute, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { PERMISSIONS } from '../../server/platform/permissions';
import {
  ApiToken, AssignRole, ChangePassword, CreateApiToken, CreateUser, Login, Me, SessionInfo, UpdateUser, User,
} from './contract';
import {
  changeOwnPassword, createApiToken, listOwnApiTokens, listOwnSessions, login, logout, revokeApiToken, revokeOwnSession,
} from './auth';
import { assignRole, createUser, getUser, listUsers, ownProfile, removeRole, updateUser } from './service';
import { sessionCookieName, sessionCookieOptions } from '../../server/platform/session';
import { routes as oidcRoutes } from './routes-oidc';
import { endSessionUrl } from './oidc';
import type { Ctx } from '../../server/platform/context';

const authTags = ['Inloggning / authentication'];
const userTags = ['Användare och roller / users and roles'];
const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

/** The signed-in user as GET /api/me and GET /api/auth/session answer. */
async function meOf(ctx: Ctx): Promise<z.infer<typeof Me>> {
  const p = ctx.principal!;
  const user = await ownProfile(ctx);
  return {
    id: p.userId,
    email: p.email,
    name: p.name,
    locale: p.locale,
    csrfToken: p.csrfToken ?? null,
    // A session started through the organisation's provider is not held back by a one-time password (resolve.ts).
    mustChangePassword: p.mustChangePassword === true,
    roles: user.roles,
    permissions: PERMISSIONS.filter((perm) => ctx.authz.hasAnywhere(perm)),
  };
}

export const routes = [
  ...oidcRoutes,
  defineRoute(
    {
      method: 'post', path: '/api/auth/login', tags: authTags, summary: 'Logga in med e-post och lösenord', policy: { public: true },
      request: jsonBody(Login),
      responses: {
        200: jsonContent(z.object({ csrfToken: z.string(), expiresAt: z.string() }), 'Inloggad: sessionskaka satt'),
        401: problemContent('Fel e-post eller lösenord'),
        429: problemContent('För många försök / kontot tillfälligt låst'),
      },
    },
    async (c) => {
      const { email, password } = c.req.valid('json');
      const r = await login(c.get('ctx'), email, password, c.req.header('user-agent'));
      setCookie(c, sessionCookieName(c), r.sessionToken, sessionCookieOptions(c, r.expiresAt));
      return json(c, { csrfToken: r.csrfToken, expiresAt: r.expiresAt.toISOString() });
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/api/auth/logout', tags: authTags, summary: 'Logga ut', policy: { auth: true },
      description: 'En session som startades via organisationens inloggning (OpenID Connect) avslutas också hos leverantören: svaret är då 200 med leverantörens utloggningsadress, dit webbläsaren skickas.',
      responses: {
        204: { description: 'Utloggad' },
        200: jsonContent(z.object({ endSessionUrl: z.string() }), 'Utloggad ur Tillit; fortsätt till leverantörens utloggning'),
      },
    },
    async (c) => {
      const ctx = c.get('ctx');
      const issuer = ctx.principal?.oidcIssuer;
      await logout(ctx);
      deleteCookie(c, sessionCookieName(c), sessionCookieOptions(c));
      const endSession = await endSessionUrl(ctx.config.oidc, issuer, ctx.log);
      return endSession ? json(c, { endSessionUrl: endSession }) : c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/me', tags: authTags, summary: 'Den inloggade användaren, roller och behörigheter', policy: { auth: true },
      responses: { 200: jsonContent(Me, 'Jag') },
    },
    async (c) => json(c, await meOf(c.get('ctx'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/auth/session', tags: authTags, summary: 'Vem som är inloggad, om någon', policy: { public: true },
      description: 'Som GET /api/me, men svarar 200 med me: null när ingen är inloggad (i stället för 401): webbappen frågar så när den startar, utan ett fel i webbläsarens konsol på inloggningssidan.',
      responses: { 200: jsonContent(z.object({ me: Me.nullable() }), 'Inloggad användare eller null') },
    },
    async (c) => {
      const ctx = c.get('ctx');
      return json(c, { me: ctx.principal ? await meOf(ctx) : null });
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/api/me/password', tags: authTags, summary: 'Byt eget lösenord', policy: { auth: true },
      request: jsonBody(ChangePassword),
      responses: { 204: { description: 'Bytt' }, 422: problemContent('Fel nuvarande lösenord eller för svagt nytt') },
    },
    async (c) => {
      const b = c.req.valid('json');
      await changeOwnPassword(c.get('ctx'), b.currentPassword, b.newPassword);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/me/sessions', tags: authTags, summary: 'Mina aktiva sessioner', policy: { auth: true },
      responses: { 200: jsonContent(z.array(SessionInfo), 'Sessioner') },
    },
    async (c) => json(c, await listOwnSessions(c.get('ctx'))),
  ),
  defineRoute(
    {
      method: 'delete', path: '/api/me/sessions/{id}', tags: authTags, summary: 'Avsluta en av mina sessioner', policy: { auth: true },
      request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/).openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: { 204: { description: 'Avslutad' }, 404: problemContent('Finns inte') },
    },
    async (c) => {
      await revokeOwnSession(c.get('ctx'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/me/tokens', tags: authTags, summary: 'Mina API-token', policy: { auth: true },
      responses: { 200: jsonContent(z.array(ApiToken), 'Token') },
    },
    async (c) => json(c, await listOwnApiTokens(c.get('ctx'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/me/tokens', tags: authTags, summary: 'Skapa API-token för integration (visas en gång)', policy: { auth: true },
      request: jsonBody(CreateApiToken),
      responses: { 201: jsonContent(z.object({ token: z.string(), apiToken: ApiToken }), 'Skapad'), 422: problemContent('Behörighet saknas') },
    },
    async (c) => json(c, await createApiToken(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'delete', path: '/api/me/tokens/{id}', tags: authTags, summary: 'Återkalla API-token', policy: { auth: true },
      request: { params: IdParam },
      responses: { 204: { description: 'Återkallad' }, 404: problemContent('Finns inte') },
    },
    async (c) => {
      await revokeApiToken(c.get('ctx'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/users', tags: userTags, summary: 'Användare (inom din behörighet)', policy: { permission: 'user.read' },
      request: { query: z.object({ org: z.string().max(64).optional() }) },
      responses: { 200: jsonContent(z.array(User), 'Användare') },
    },
    async (c) => json(c, await listUsers(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/users', tags: userTags, summary: 'Skapa användare', policy: { permission: 'user.manage' },
      request: jsonBody(CreateUser),
      responses: {
        201: jsonContent(z.object({ user: User, oneTimePassword: z.string().optional() }), 'Skapad; engångslösenord om inget angavs'),
        409: problemContent('E-postadressen finns redan'),
        422: problemContent('För svagt lösenord'),
      },
    },
    async (c) => json(c, await createUser(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/users/{id}', tags: userTags, summary: 'En användare', policy: { permission: 'user.read' },
      request: { params: IdParam },
      responses: { 200: jsonContent(User, 'Användaren'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await getUser(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/users/{id}', tags: userTags, summary: 'Ändra användare, lås upp, återställ lösenord', policy: { permission: 'user.manage' },
      request: { params: IdParam, ...jsonBody(UpdateUser) },
      responses: { 200: jsonContent(User, 'Ändrad'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version') },
    },
    async (c) => json(c, await updateUser(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/users/{id}/roles', tags: userTags, summary: 'Ge roll på organisation (med underträd) eller samverkansgrupp', policy: { permission: 'user.manage' },
      request: { params: IdParam, ...jsonBody(AssignRole) },
      responses: { 201: jsonContent(User, 'Rollen tilldelad'), 404: problemContent('Finns inte'), 409: problemContent('Har redan rollen') },
    },
    async (c) => json(c, await assignRole(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'delete', path: '/api/users/{id}/roles/{assignmentId}', tags: userTags, summary: 'Ta bort roll', policy: { permission: 'user.manage' },
      request: { params: IdParam.extend({ assignmentId: z.uuid().openapi({ param: { name: 'assignmentId', in: 'path' } }) }) },
      responses: { 200: jsonContent(User, 'Rollen borttagen'), 404: problemContent('Finns inte') },
    },
    async (c) => {
      const { id, assignmentId } = c.req.valid('param');
      return json(c, await removeRole(c.get('ctx'), id, assignmentId));
    },
  ),
];

