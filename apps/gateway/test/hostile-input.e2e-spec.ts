import { Answer, Http } from '../../../test/support/http';
import { ADMIN, DATABASES, TestSystem } from '../../../test/support/system';

jest.setTimeout(120_000);

/**
 * A table-driven battery of hostile input against every JSON endpoint, on both databases: every case
 * must end in the expected 4xx (or the one named success) in the contract's error shape, and no answer
 * may carry a stack trace, a bcrypt hash, SQL, a Redis key or an error class name.
 */

type Auth = 'none' | 'user' | 'admin';

interface HostileCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  auth: Auth;
  body?: unknown;
  raw?: string;
  contentType?: string;
  /** The expected status; 4xx answers must have the error shape. */
  expected: number | number[];
}

const USER = { username: 'hostile-user', password: 'hostile-input-pw-1' };
const VICTIM_ID = '__VICTIM_ID__';
const SQL_WORDS = /\b(select\s|insert\s+into|delete\s+from|update\s+\S+\s+set|syntax error at or near)\b/i;

const INJECTIONS: Array<[string, string]> = [
  ['SQL tautology', "' OR '1'='1' --"],
  ['SQL stacked query', 'x\'; DROP TABLE "user"; --'],
  ['SQL union', '\' UNION SELECT password_hash FROM "user" --'],
  ['Lua/Redis', 'x"]) redis.call("FLUSHALL") --'],
  ['Redis protocol', '*1\r\n$8\r\nFLUSHALL\r\n'],
  ['path traversal', '../../../../etc/passwd'],
  ['header CRLF', 'alice\r\nSet-Cookie: sid=evil'],
  ['null byte', 'alice\u0000admin'],
  ['format string', '%s%s%s%n%x'],
  ['template', '{{7*7}}${7*7}<%= 7*7 %>'],
  ['script tag', '<script>alert(1)</script>'],
  ['LIKE wildcard', '%%%%____'],
];

/** CR, LF, NUL and friends: refused in names and searches (400), merely wrong in passwords. */
const hasControl = (value: string): boolean => [...value].some((char) => char.charCodeAt(0) < 0x20);

/** Values of the wrong JSON type (or shape) for a string field. */
const WRONG_TYPES: Array<[string, unknown]> = [
  ['a number', 12345678],
  ['a boolean', true],
  ['null', null],
  ['an array', ['a-Strong-password-1']],
  ['an object', { value: 'x' }],
  ['a NoSQL operator', { $gt: '' }],
  ['a NoSQL regex', { $regex: '.*' }],
  ['a NoSQL $ne', { $ne: null }],
];

/** 72 bytes of 2-byte UTF-8 plus one ASCII byte: 37 characters, 73 bytes. */
const MULTIBYTE_73 = 'é'.repeat(36) + 'a';
const EMOJI_76 = '😀'.repeat(19);

/** Whole-body attacks that every JSON endpoint must refuse the same way. */
function bodyAttacks(method: HostileCase['method'], path: string, auth: Auth, base: Record<string, unknown>): HostileCase[] {
  const at = (name: string, rest: Omit<HostileCase, 'name' | 'method' | 'path' | 'auth'>): HostileCase => ({
    name: `${method} ${path}: ${name}`,
    method,
    path,
    auth,
    ...rest,
  });
  const malformed = ['{', '{"username":', '{"a":1,}', "{'a':1}", '{"a":1}}', '\u0000', 'nul', '{"a":"\\x00"}', '[1,2', '{"a":01}'];
  return [
    ...malformed.map((raw, index) => at(`malformed JSON #${index + 1} ${JSON.stringify(raw)}`, { raw, expected: 400 })),
    at('an array instead of an object', { raw: JSON.stringify([base]), expected: 400 }),
    at('an empty array', { raw: '[]', expected: 400 }),
    at('a JSON string', { raw: '"just a string"', expected: 400 }),
    at('a JSON number', { raw: '42', expected: 400 }),
    at('JSON null', { raw: 'null', expected: 400 }),
    at('an extra field', { body: { ...base, isAdmin: true }, expected: 400 }),
    at('__proto__ with admin roles', {
      raw: `{"__proto__":{"roles":["admin"],"isAdmin":true},${JSON.stringify(base).slice(1)}`,
      expected: 400,
    }),
    at('constructor.prototype', { raw: `{"constructor":{"prototype":{"isAdmin":true}},${JSON.stringify(base).slice(1)}`, expected: 400 }),
    at('a prototype key', { body: { ...base, prototype: { isAdmin: true } }, expected: 400 }),
    at('a 20 KiB body', { body: { ...base, padding: 'x'.repeat(20 * 1024) }, expected: 413 }),
    at('a 1 MiB body', { raw: JSON.stringify({ padding: 'y'.repeat(1024 * 1024) }), expected: 413 }),
    at('deep nesting', { raw: '{"a":'.repeat(500) + '1' + '}'.repeat(500), expected: 400 }),
    at('a thousand keys', { body: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i])), expected: 400 }),
    at('text/plain', { raw: JSON.stringify(base).replace(/"/g, "'"), contentType: 'text/plain', expected: [400, 415] }),
    at('application/xml', { raw: '<user><username>alice</username></user>', contentType: 'application/xml', expected: [400, 415] }),
    at('multipart', {
      raw: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--',
      contentType: 'multipart/form-data; boundary=b',
      expected: [400, 415],
    }),
    at('an unsupported charset', { raw: JSON.stringify(base), contentType: 'application/json; charset=latin1', expected: [400, 415] }),
    at('a form with a prototype key', {
      raw: '__proto__[roles]=admin&constructor[prototype][x]=1',
      contentType: 'application/x-www-form-urlencoded',
      expected: 400,
    }),
  ];
}

/** Field-level attacks: every string field gets wrong types, oversized and multi-byte values, injections. */
function fieldAttacks(
  method: HostileCase['method'],
  path: string,
  auth: Auth,
  base: Record<string, unknown>,
  fields: Array<{ field: string; injectionStatus: number; maxBytes: number; optional?: boolean; multiByteStatus?: number }>,
): HostileCase[] {
  return fields.flatMap(({ field, injectionStatus, maxBytes, optional = false, multiByteStatus = 400 }) => {
    const at = (name: string, value: unknown, expected: number | number[]): HostileCase => ({
      name: `${method} ${path}: ${field} ${name}`,
      method,
      path,
      auth,
      body: { ...base, [field]: value },
      expected,
    });
    const without = { ...base };
    delete without[field];
    const missing: HostileCase[] = optional
      ? []
      : [{ name: `${method} ${path}: ${field} missing`, method, path, auth, body: without, expected: 400 }];
    return [
      ...missing,
      // null is "absent" for an optional field: the rest of the body then decides (an existing user: 409).
      ...WRONG_TYPES.map(([name, value]) => at(`as ${name}`, value, optional && value === null ? [400, 409] : 400)),
      at('empty', '', 400),
      at(`oversized (${maxBytes + 1} ASCII)`, 'a'.repeat(maxBytes + 1), 400),
      at('10,000 characters', 'b'.repeat(10_000), 400),
      // Bounded in bytes where bcrypt is behind the field, in characters elsewhere.
      at('73-byte multi-byte', MULTIBYTE_73, multiByteStatus),
      at('76-byte emoji', EMOJI_76, multiByteStatus),
      // A control character may be refused outright (bcrypt stops at NUL) or simply not match.
      ...INJECTIONS.map(([name, value]) => at(`with ${name}`, value, hasControl(value) ? [400, injectionStatus] : injectionStatus)),
    ];
  });
}

function cases(): HostileCase[] {
  // An existing username: a body that wrongly got through would be a 409, never a new account.
  const register = { username: USER.username, password: 'a-Strong-password-1', email: 'new@example.org' };
  const login = { username: USER.username, password: 'wrong-password-123' };
  const password = { currentPassword: 'not-the-current-one', newPassword: 'another-Strong-pass-9' };
  const passwordGrant = { grant_type: 'password', username: USER.username, password: 'wrong-password-123' };
  const patch = { active: true };
  const all: HostileCase[] = [
    ...bodyAttacks('POST', '/auth/register', 'none', register),
    ...fieldAttacks('POST', '/auth/register', 'none', register, [
      { field: 'username', injectionStatus: 400, maxBytes: 32 },
      { field: 'email', injectionStatus: 400, maxBytes: 254, optional: true },
    ]),
    ...bodyAttacks('POST', '/auth/login', 'none', login),
    ...fieldAttacks('POST', '/auth/login', 'none', login, [
      // Syntactically possible usernames and passwords are simply wrong: the same 401 as any bad login.
      { field: 'username', injectionStatus: 401, maxBytes: 64, multiByteStatus: 401 },
      { field: 'password', injectionStatus: 401, maxBytes: 72 },
    ]),
    ...bodyAttacks('POST', '/auth/logout', 'user', { _csrf: 'x' }),
    ...bodyAttacks('POST', '/auth/password', 'user', password),
    ...fieldAttacks('POST', '/auth/password', 'user', password, [{ field: 'currentPassword', injectionStatus: 403, maxBytes: 72 }]),
    ...bodyAttacks('POST', '/auth/token', 'none', passwordGrant),
    ...fieldAttacks('POST', '/auth/token', 'none', passwordGrant, [
      { field: 'username', injectionStatus: 401, maxBytes: 64, multiByteStatus: 401 },
      { field: 'password', injectionStatus: 401, maxBytes: 72 },
    ]),
    ...fieldAttacks('POST', '/auth/token', 'none', { grant_type: 'refresh_token', refresh_token: 'x' }, [
      { field: 'refresh_token', injectionStatus: 401, maxBytes: 512, multiByteStatus: 401 },
    ]),
    ...bodyAttacks('PATCH', `/admin/users/${VICTIM_ID}`, 'admin', patch),
  ];
  const patchBodies: Array<[string, unknown]> = [
    ['active as a string', { active: 'false' }],
    ['active as a number', { active: 0 }],
    ['active as null', { active: null }],
    ['active as an operator', { active: { $ne: true } }],
    ['roles as a string', { roles: 'admin' }],
    ['roles with an object', { roles: [{ $gt: '' }] }],
    ['roles with a null byte', { roles: ['admin\u0000'] }],
    ['roles with upper case', { roles: ['ADMIN'] }],
    ['roles with an injection', { roles: ["admin' OR 1=1"] }],
    ['17 roles', { roles: Array.from({ length: 17 }, (_, i) => `r${i}`) }],
    ['a 33-character role', { roles: ['r'.repeat(33)] }],
    ['roles nested arrays', { roles: [['admin']] }],
  ];
  all.push(
    ...patchBodies.map(([name, body]): HostileCase => ({
      name: `PATCH /admin/users/:id: ${name}`,
      method: 'PATCH',
      path: `/admin/users/${VICTIM_ID}`,
      auth: 'admin',
      body,
      expected: 400,
    })),
  );
  const badIds = [
    ['not a uuid', 'not-a-uuid'],
    ['SQL', encodeURIComponent("1' OR '1'='1")],
    ['traversal', '..%2F..%2Fauth%2Fme'],
    ['a null byte', 'abc%00def'],
    ['5,000 characters', 'a'.repeat(5000)],
    ['a NoSQL operator', encodeURIComponent('{"$gt":""}')],
    ['malformed percent-encoding', '%E0%A4%A'],
  ];
  all.push(
    ...badIds.map(([name, id]): HostileCase => ({
      name: `PATCH /admin/users/:id with ${name}`,
      method: 'PATCH',
      path: `/admin/users/${id}`,
      auth: 'admin',
      body: patch,
      expected: [400, 404],
    })),
    ...badIds.map(([name, id]): HostileCase => ({
      name: `DELETE /auth/sessions/:id with ${name}`,
      method: 'DELETE',
      path: `/auth/sessions/${id}`,
      auth: 'user',
      expected: [400, 404],
    })),
    {
      name: 'DELETE /auth/sessions/:id with a well-formed id of nobody',
      method: 'DELETE',
      path: `/auth/sessions/${'A'.repeat(43)}`,
      auth: 'user',
      expected: 404,
    },
  );
  const queries: Array<[string, string, number]> = [
    ['limit=0', 'limit=0', 400],
    ['limit=101', 'limit=101', 400],
    ['limit=abc', 'limit=abc', 400],
    ['limit=-1', 'limit=-1', 400],
    ['limit=1.5', 'limit=1.5', 400],
    ['limit=1e400', 'limit=1e400', 400],
    ['limit twice', 'limit=1&limit=2', 400],
    ['an unknown parameter', 'admin=true', 400],
    ['a NoSQL operator key', 'limit[$gt]=0', 400],
    ['__proto__', '__proto__[x]=1', 400],
    ['constructor', 'constructor[prototype][x]=1', 400],
    ['a cursor that is not an id', 'cursor=abc', 400],
    ['a cursor with traversal', 'cursor=..%2F..', 400],
    ['a cursor with SQL', `cursor=${encodeURIComponent("' OR 1=1 --")}`, 400],
    ['a cursor with a null byte', 'cursor=a%00b', 400],
    ['a 300-character cursor', `cursor=${'a'.repeat(300)}`, 400],
  ];
  for (const path of ['/admin/users', '/admin/audit']) {
    all.push(
      ...queries.map(([name, query, expected]): HostileCase => ({
        name: `GET ${path}?${name}`,
        method: 'GET',
        path: `${path}?${query}`,
        auth: 'admin',
        expected,
      })),
    );
  }
  const userQueries: Array<[string, string, number]> = [
    ['a 300-character query', `query=${'q'.repeat(300)}`, 400],
    ['query twice', 'query=a&query=b', 400],
    ['query with a null byte', 'query=ali%00ce', 400],
    ['query as an operator', 'query[$ne]=x', 400],
    // Syntactically fine queries are searched for literally: nothing matches, nothing leaks.
    ...INJECTIONS.map(([name, value]): [string, string, number] => [
      `query with ${name}`,
      `query=${encodeURIComponent(value)}`,
      hasControl(value) ? 400 : 200,
    ]),
  ];
  all.push(
    ...userQueries.map(([name, query, expected]): HostileCase => ({
      name: `GET /admin/users?${name}`,
      method: 'GET',
      path: `/admin/users?${query}`,
      auth: 'admin',
      expected,
    })),
  );
  const auditQueries: Array<[string, string]> = [
    ['userId not a uuid', 'userId=1%20OR%201%3D1'],
    ['userId as an operator', 'userId[$ne]=x'],
    ['type with SQL', `type=${encodeURIComponent("login.failed' OR '1'='1")}`],
    ['type with upper case', 'type=LOGIN'],
    ['type with a null byte', 'type=login%00'],
    ['type of 100 characters', `type=${'t'.repeat(100)}`],
  ];
  all.push(
    ...auditQueries.map(([name, query]): HostileCase => ({
      name: `GET /admin/audit?${name}`,
      method: 'GET',
      path: `/admin/audit?${query}`,
      auth: 'admin',
      expected: 400,
    })),
  );
  return all;
}

const CASES = cases();

/** What no answer may ever contain. */
function expectNoLeak(answer: Answer, prefix: string): void {
  expect(answer.text).not.toMatch(/\$2[aby]\$\d\d\$/);
  expect(answer.text).not.toMatch(/\n\s+at |\bat \S+ \(|\.(js|ts):\d+/);
  expect(answer.text).not.toMatch(/\b(\w*Error|Exception):/);
  expect(answer.text).not.toMatch(SQL_WORDS);
  expect(answer.text).not.toContain(prefix);
  expect(answer.text).not.toMatch(/password_hash|passwordHash|ioredis|mikro-orm|sqlite|postgres|ECONNREFUSED/i);
}

function expectErrorShape(answer: Answer): void {
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(answer.body ?? {}).sort()).toEqual(['error', 'message', 'statusCode']);
  expect(answer.body.statusCode).toBe(answer.status);
  expect(typeof answer.body.error).toBe('string');
  const message: unknown = answer.body.message;
  expect(typeof message === 'string' || (Array.isArray(message) && message.every((item) => typeof item === 'string'))).toBe(true);
}

it('has at least 200 hostile cases per database', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(200);
});

describe.each(DATABASES)('hostile input against every JSON endpoint (%s)', (database) => {
  let system: TestSystem;
  let http: Http;
  const sessions: Record<Exclude<Auth, 'none'>, { cookie: string; csrf: string }> = {
    user: { cookie: '', csrf: '' },
    admin: { cookie: '', csrf: '' },
  };
  let victimId = '';

  beforeAll(async () => {
    system = await TestSystem.start({
      database,
      // The battery is about shapes, not brute force: failures must not turn into 429s half-way.
      serviceEnv: { 'auth-service': { LOGIN_MAX_FAILURES_PER_USERNAME: '100000', LOGIN_MAX_FAILURES_PER_IP: '100000' } },
    });
    http = new Http(system.baseUrl);
    victimId = (await http.register('hostile-victim', 'victim-Strong-pass-1')).id;
    await http.register(USER.username, USER.password);
    sessions.user = await http.login(USER.username, USER.password);
    sessions.admin = await http.login(ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, hostile) => {
    const session = hostile.auth === 'none' ? undefined : sessions[hostile.auth];
    const answer = await http.request(hostile.method, hostile.path.replace(VICTIM_ID, victimId), {
      body: hostile.raw === undefined ? hostile.body : undefined,
      raw: hostile.raw,
      contentType: hostile.contentType,
      cookie: session?.cookie,
      csrf: session?.csrf,
    });
    const expected = Array.isArray(hostile.expected) ? hostile.expected : [hostile.expected];
    expect(`${answer.status} ${answer.text.slice(0, 300)}`).toMatch(new RegExp(`^(${expected.join('|')}) `));
    if (answer.status >= 400) expectErrorShape(answer);
    else expect(answer.body.items).toEqual([]);
    expect(answer.setCookies.filter((cookie) => /evil/.test(cookie))).toEqual([]);
    expectNoLeak(answer, system.prefix);
  });

  it('is still healthy afterwards: the services answer, sessions hold, a login works, nothing was polluted', async () => {
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect((await http.get('/auth/me', { cookie: sessions.user.cookie })).status).toBe(200);
    const login = await http.login(USER.username, USER.password);
    expect(login.body.user.roles).toEqual(['user']);
    const fresh = await http.register('after-battery', 'still-standing-pass-1');
    expect(fresh).toMatchObject({ roles: ['user'], active: true });
    expect(fresh).not.toHaveProperty('isAdmin');
    const victim = await http.get(`/admin/users/${victimId}`, { cookie: sessions.admin.cookie });
    expect(victim.body.user).toMatchObject({ username: 'hostile-victim', roles: ['user'], active: true });
    const users = await http.get('/admin/users?limit=100', { cookie: sessions.admin.cookie });
    expect(users.body.items.map((user: { username: string }) => user.username).sort()).toEqual(
      ['after-battery', ADMIN.username, USER.username, 'hostile-victim'].sort(),
    );
  });
});
