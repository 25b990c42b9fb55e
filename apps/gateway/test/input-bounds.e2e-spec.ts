import { AuthPatterns, DomainError, ErrorCode, isReceipt } from '@app/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Answer, Http } from '../../../test/support/http';
import { ADMIN, TestSystem } from '../../../test/support/system';
import { authServiceClient } from '../../../test/support/transport';

jest.setTimeout(90_000);

// Depth and well-formed Unicode are decided where a body is parsed and where a message arrives, before
// anything reads a table: one database is enough.

const PASSWORD = 'a-Strong-password-1';
const LEVELS = 5_000;
/** `[[[…"x"…]]]`, `levels` deep, as JSON text. */
const deepArray = (levels: number): string => '['.repeat(levels) + '"x"' + ']'.repeat(levels);

function expectContractError(answer: Answer, status: number): void {
  expect({ status: answer.status, text: answer.text }).toEqual({ status, text: expect.any(String) });
  expect(answer.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.anything() });
}

/** One request/reply on the Redis transport as a foreign service would send it: the packet as raw text. */
async function rawRequest(transportUrl: string, pattern: string, dataJson: string): Promise<Record<string, unknown>> {
  const subscriber = new Redis(transportUrl);
  const publisher = new Redis(transportUrl);
  try {
    const id = randomUUID();
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      subscriber.on('message', (_channel, text: string) => {
        const packet = JSON.parse(text) as Record<string, unknown>;
        // The password-hashing patterns answer with receipts first ({"received": true}) while they wait.
        if (packet.id === id && !isReceipt(packet.response)) resolve(packet);
      }),
    );
    await subscriber.subscribe(`${pattern}.reply`);
    await publisher.publish(pattern, `{"pattern":${JSON.stringify(pattern)},"id":"${id}","data":${dataJson}}`);
    return await reply;
  } finally {
    subscriber.disconnect();
    publisher.disconnect();
  }
}

const codeOf = (promise: Promise<unknown>): Promise<ErrorCode | undefined> =>
  promise.then(
    () => undefined,
    (error: DomainError) => error.code,
  );

describe('input depth and well-formed Unicode', () => {
  let system: TestSystem;
  let http: Http;
  let user: { cookie: string; csrf: string };
  let admin: { cookie: string; csrf: string };
  let userId: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    http = new Http(system.baseUrl);
    userId = (await http.register('bounded', PASSWORD)).id;
    user = await http.login('bounded', PASSWORD);
    admin = await http.login(ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const deepBodies = (): Array<[string, string, string, () => { cookie?: string; csrf?: string }]> => [
    ['POST', '/auth/register', `{"username":${deepArray(LEVELS)},"password":"${PASSWORD}"}`, () => ({})],
    ['POST', '/auth/login', `{"username":${deepArray(LEVELS)},"password":"${PASSWORD}"}`, () => ({})],
    ['POST', '/auth/token', `{"grant_type":"password","username":${deepArray(LEVELS)},"password":"x"}`, () => ({})],
    ['POST', '/auth/password', `{"currentPassword":${deepArray(LEVELS)},"newPassword":"another-Strong-pass-9"}`, () => user],
    ['PATCH', `/admin/users/:id`, `{"roles":${deepArray(LEVELS)}}`, () => admin],
  ];

  it.each(deepBodies())('%s %s with a body 5,000 levels deep is a 400 in the contract shape', async (method, path, raw, credential) => {
    const answer = await http.request(method, path.replace(':id', userId), { raw, ...credential() });
    expectContractError(answer, 400);
    expect(answer.body.message).toMatch(/nested deeper than 32 levels/);
  });

  it('accepts 32 levels and refuses 33 (the bound, not the validation, decides)', async () => {
    const at = (levels: number): Promise<Answer> =>
      http.post('/auth/login', { raw: `{"username":"bounded","password":"x","n":${deepArray(levels - 1)}}` });
    expect((await at(32)).body.message).not.toEqual(expect.stringMatching(/nested deeper/));
    expect((await at(33)).body.message).toMatch(/nested deeper than 32 levels/);
  });

  it('answers a raw message 5,000 levels deep to the auth-service with VALIDATION_FAILED, and keeps serving', async () => {
    // Written as text: JSON.stringify itself overflows on such a value, so no Nest client could send it.
    const data = `{"username":${deepArray(LEVELS)},"password":"${PASSWORD}","client":{"ip":"127.0.0.1","userAgent":"test"}}`;
    for (const pattern of [AuthPatterns.Login, AuthPatterns.Register]) {
      const reply = await rawRequest(system.env.TRANSPORT_URL, pattern, data);
      expect(reply).toMatchObject({
        isDisposed: true,
        err: { code: ErrorCode.ValidationFailed, message: expect.stringMatching(/nested deeper/) },
      });
    }
    const client = authServiceClient(system.env.TRANSPORT_URL);
    try {
      const surrogate = { username: 'bounded', password: '\ud800', client: { ip: '127.0.0.1', userAgent: 'test' } };
      expect(await codeOf(client.send(AuthPatterns.Login, surrogate))).toBe(ErrorCode.ValidationFailed);
    } finally {
      // Left open, this client reconnects to the system's private Redis forever once it stops, and jest never exits.
      await client.close();
    }
    expect((await http.login('bounded', PASSWORD)).sid).toBeTruthy();
  });

  const surrogateBodies = (): Array<[string, string, string, () => { cookie?: string; csrf?: string }]> => [
    ['POST', '/auth/register', `{"username":"lone\\ud800","password":"${PASSWORD}"}`, () => ({})],
    ['POST', '/auth/login', '{"username":"bounded","password":"pass\\udfffword"}', () => ({})],
    ['POST', '/auth/token', '{"grant_type":"password","username":"bounded","password":"\\ud83d"}', () => ({})],
    ['POST', '/auth/password', `{"currentPassword":"${PASSWORD}","newPassword":"another-Strong-\\ud800"}`, () => user],
    ['PATCH', `/admin/users/:id`, '{"roles":["user","\\udc00"]}', () => admin],
  ];

  it.each(surrogateBodies())('%s %s with a lone surrogate in a string is a 400, not a U+FFFD', async (method, path, raw, credential) => {
    const answer = await http.request(method, path.replace(':id', userId), { raw, ...credential() });
    expectContractError(answer, 400);
    expect(answer.body.message).toMatch(/well-formed Unicode/);
  });

  it('refuses a body whose bytes are not UTF-8, and a form whose escapes are not', async () => {
    const json = await fetch(`${system.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat([Buffer.from('{"username":"bounded","password":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
    });
    expect(json.status).toBe(400);
    const form = await http.post('/login', {
      raw: 'username=bounded&password=%ED%A0%80&_csrf=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(400);
    // The same password well-formed is merely wrong.
    const wellFormed = await http.post('/auth/login', { body: { username: 'bounded', password: 'p\u00e4ssword-long' } });
    expect(wellFormed.status).toBe(401);
  });
});
