import { createHmac, createPublicKey, generateKeyPairSync, JsonWebKey, KeyObject, sign, verify } from 'node:crypto';
import { Http } from '../../../test/support/http';
import { ADMIN, TestSystem, waitFor } from '../../../test/support/system';

jest.setTimeout(90_000);

const PASSWORD = 'a-Strong-password-1';
const b64 = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function decode(token: string): { header: any; payload: any } {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()),
  };
}

/** An ES256 key made with node:crypto, independent of the JOSE library the auth-service uses. */
function newKey(kid: string): { kid: string; privateKey: KeyObject; jwk: JsonWebKey } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, privateKey, jwk: { ...privateKey.export({ format: 'jwk' }), kid } };
}

function signEs256(privateKey: KeyObject, header: object, payload: object): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

/** Verifies a JWT against a JWKS with node:crypto alone. */
function verifiesAgainst(token: string, keys: JsonWebKey[]): boolean {
  const [header, payload, signature] = token.split('.');
  const jwk = keys.find((key) => key.kid === decode(token).header.kid);
  if (!jwk) return false;
  const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
  return verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
}

describe('API tokens with configured keys', () => {
  const keyA = newKey('key-a');
  const keyB = newKey('key-b');
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { JWT_SIGNING_KEYS: JSON.stringify([keyA.jwk]) } });
    http = new Http(system.baseUrl);
    await http.register('client');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const grant = (body: object) => http.post('/auth/token', { body });

  it('answers the password grant with a signed ES256 JWT naming the session, and a refresh token', async () => {
    const answer = await grant({ grant_type: 'password', username: 'client', password: PASSWORD });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
      refresh_token: expect.any(String),
    });
    const { header, payload } = decode(answer.body.access_token);
    expect(header).toMatchObject({ alg: 'ES256', kid: 'key-a' });
    expect(payload).toMatchObject({
      sub: expect.any(String),
      sid: expect.any(String),
      roles: ['user'],
      iss: 'nest-auth',
      aud: 'nest-auth-api',
      amr: ['pwd'],
    });
    expect(payload.exp - payload.iat).toBe(900);
    // auth_time: the password check of this grant, in seconds (issued right after it).
    expect(Number.isInteger(payload.auth_time)).toBe(true);
    expect(payload.iat - payload.auth_time).toBeGreaterThanOrEqual(0);
    expect(payload.iat - payload.auth_time).toBeLessThan(30);

    const jwks = await http.get('/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    for (const key of jwks.body.keys) expect(key).not.toHaveProperty('d');
    expect(verifiesAgainst(answer.body.access_token, jwks.body.keys)).toBe(true);

    const me = await http.get('/auth/me', { bearer: answer.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body.session).toMatchObject({ id: payload.sid, amr: ['pwd'] });
    expect(Math.floor(Date.parse(me.body.session.authenticatedAt) / 1000)).toBe(payload.auth_time);
    const cookieSession = await http.login('client', PASSWORD);
    const listed = await http.get('/auth/sessions', { cookie: cookieSession.cookie });
    expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(payload.sid);
  });

  it('rotates refresh tokens once, and a spent one coming back kills the whole session', async () => {
    const first = await grant({ grant_type: 'password', username: 'client', password: PASSWORD });
    const second = await grant({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(decode(second.body.access_token).payload.sid).toBe(decode(first.body.access_token).payload.sid);
    // A refreshed token still tells when and how the session's credential was checked, not when it was refreshed.
    expect(decode(second.body.access_token).payload).toMatchObject({
      auth_time: decode(first.body.access_token).payload.auth_time,
      amr: ['pwd'],
    });
    expect((await http.get('/auth/me', { bearer: second.body.access_token })).status).toBe(200);

    const replay = await grant({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token });
    expect(replay.status).toBe(401);
    expect((await http.get('/auth/me', { bearer: second.body.access_token })).status).toBe(401);
    expect((await http.get('/auth/me', { bearer: first.body.access_token })).status).toBe(401);
    expect((await grant({ grant_type: 'refresh_token', refresh_token: second.body.refresh_token })).status).toBe(401);

    const admin = await http.login(ADMIN.username, ADMIN.password);
    const audit = await http.get('/admin/audit?type=token.reuse_detected', { cookie: admin.cookie });
    expect(audit.body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses unknown and malformed refresh tokens, and bad grants, with the contract’s statuses', async () => {
    expect((await grant({ grant_type: 'refresh_token', refresh_token: 'nope' })).status).toBe(401);
    expect((await grant({ grant_type: 'refresh_token', refresh_token: `${'a'.repeat(43)}.${'b'.repeat(43)}` })).status).toBe(401);
    expect((await grant({ grant_type: 'password', username: 'client', password: 'wrong-password' })).status).toBe(401);
    expect((await grant({ grant_type: 'client_credentials' })).status).toBe(400);
    expect((await grant({ grant_type: 'password', username: 'client' })).status).toBe(400);
    const form = await http.post('/auth/token', { form: { grant_type: 'password', username: 'client', password: PASSWORD } });
    expect(form.status).toBe(200);
  });

  it('accepts a bearer token on the admin routes', async () => {
    const admin = await grant({ grant_type: 'password', username: ADMIN.username, password: ADMIN.password });
    const users = await http.get('/admin/users?limit=1', { bearer: admin.body.access_token });
    expect(users.status).toBe(200);
    expect(users.body.items).toHaveLength(1);
    const user = await grant({ grant_type: 'password', username: 'client', password: PASSWORD });
    expect((await http.get('/admin/users', { bearer: user.body.access_token })).status).toBe(403);
  });

  it('refuses tampered, expired, wrong-audience, wrong-issuer, alg none, HS256-with-the-public-key and unknown-kid tokens', async () => {
    const good = (await grant({ grant_type: 'password', username: 'client', password: PASSWORD })).body.access_token as string;
    const { header, payload } = decode(good);
    const now = Math.floor(Date.now() / 1000);
    const [h, , s] = good.split('.');
    const publicPem = createPublicKey(keyA.privateKey).export({ type: 'spki', format: 'pem' }).toString();
    const hsInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'key-a' })}.${b64(payload)}`;
    const forged = newKey('key-a');
    const cases: Record<string, string> = {
      tampered: `${h}.${b64({ ...payload, roles: ['user', 'admin'] })}.${s}`,
      expired: signEs256(keyA.privateKey, header, { ...payload, iat: now - 3600, exp: now - 1800 }),
      'wrong audience': signEs256(keyA.privateKey, header, { ...payload, aud: 'someone-else' }),
      'wrong issuer': signEs256(keyA.privateKey, header, { ...payload, iss: 'https://evil.example' }),
      'alg none': `${b64({ alg: 'none', typ: 'JWT', kid: 'key-a' })}.${b64(payload)}.`,
      'HS256 signed with the public key': `${hsInput}.${createHmac('sha256', publicPem).update(hsInput).digest('base64url')}`,
      'unknown kid': signEs256(keyA.privateKey, { ...header, kid: 'key-z' }, payload),
      'signed by another key with the same kid': signEs256(forged.privateKey, header, payload),
      'a session that does not exist': signEs256(keyA.privateKey, header, { ...payload, sid: 'x'.repeat(43) }),
      garbage: 'not.a.jwt',
    };
    expect((await http.get('/auth/me', { bearer: signEs256(keyA.privateKey, header, payload) })).status).toBe(200);
    for (const [name, token] of Object.entries(cases)) {
      const answer = await http.get('/auth/me', { bearer: token });
      expect({ name, status: answer.status }).toEqual({ name, status: 401 });
    }
  });

  it('keeps tokens of the previous key valid after a rotation, and signs new ones with the new kid', async () => {
    const before = (await grant({ grant_type: 'password', username: 'client', password: PASSWORD })).body.access_token as string;
    await system.service('auth-service').stop();
    system.startService('auth-service', { JWT_SIGNING_KEYS: JSON.stringify([keyB.jwk, keyA.jwk]) });
    await waitFor(`${system.baseUrl}/health/ready`);
    const jwks = await http.get('/.well-known/jwks.json');
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual(['key-b', 'key-a']);
    expect((await http.get('/auth/me', { bearer: before })).status).toBe(200);
    const after = (await grant({ grant_type: 'password', username: 'client', password: PASSWORD })).body.access_token as string;
    expect(decode(after).header.kid).toBe('key-b');
    expect(verifiesAgainst(after, jwks.body.keys)).toBe(true);
    expect((await http.get('/auth/me', { bearer: after })).status).toBe(200);
  });
});

describe('API tokens with development keys', () => {
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    system = await TestSystem.start();
    http = new Http(system.baseUrl);
    await http.register('replica');
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('shares one generated key between auth-service processes: a token from one is accepted by the other', async () => {
    const minted = (await http.post('/auth/token', { body: { grant_type: 'password', username: 'replica', password: PASSWORD } })).body;
    const firstPid = system.service('auth-service').pid;
    await system.service('auth-service').stop();
    const second = system.startService('auth-service');
    await waitFor(`${system.baseUrl}/health/ready`);
    expect(second.pid).not.toBe(firstPid);
    expect((await http.get('/auth/me', { bearer: minted.access_token })).status).toBe(200);
    const refreshed = await http.post('/auth/token', { body: { grant_type: 'refresh_token', refresh_token: minted.refresh_token } });
    expect(refreshed.status).toBe(200);
    expect(decode(refreshed.body.access_token).header.kid).toBe(decode(minted.access_token).header.kid);
  });
});
