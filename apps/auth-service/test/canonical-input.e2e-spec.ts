import { MikroORM } from '@mikro-orm/core';
import * as bcrypt from 'bcrypt';
import { Http } from '../../../test/support/http';
import { DATABASES, TestSystem } from '../../../test/support/system';
import { ormOptions } from '../src/database/mikro-orm.config';
import { User } from '../src/users/user.entity';

jest.setTimeout(120_000);

/** "Café" typed two ways: precomposed é (U+00E9), and e + combining acute (U+0301). */
const COMPOSED = 'Caf\u00e9-Strong-pass-1';
const DECOMPOSED = 'Cafe\u0301-Strong-pass-1';

/**
 * Issue 20.6 (auth-service part): passwords are compared and hashed in NFC, and a hash made before that
 * (of the password as typed) is upgraded at the next successful login, so nobody is locked out; emails
 * are canonicalised (NFC, IDN domain to ASCII, lower case) before the uniqueness check, and invisible or
 * control characters are refused.
 */
describe.each(DATABASES)('canonical forms of passwords and emails (%s)', (database) => {
  let system: TestSystem;
  let http: Http;
  let orm: MikroORM;

  const login = async (username: string, password: string): Promise<number> =>
    (await http.post('/auth/login', { body: { username, password } })).status;
  const storedHash = async (username: string): Promise<string> =>
    (await orm.em.fork().findOneOrFail(User, { username }, { fields: ['passwordHash'] })).passwordHash;

  beforeAll(async () => {
    system = await TestSystem.start({ database });
    http = new Http(system.baseUrl);
    orm = await MikroORM.init(ormOptions(system.env.DATABASE_URL));
  });

  afterAll(async () => {
    await orm?.close(true);
    await system?.stop();
  });

  it('a password registered decomposed logs in typed precomposed, and the other way round', async () => {
    await http.register('accent-one', DECOMPOSED);
    await http.register('accent-two', COMPOSED);
    expect(await login('accent-one', COMPOSED)).toBe(200);
    expect(await login('accent-one', DECOMPOSED)).toBe(200);
    expect(await login('accent-two', DECOMPOSED)).toBe(200);
    expect(await bcrypt.compare(COMPOSED, await storedHash('accent-one'))).toBe(true);
  });

  it('a hash of the password as typed (made before NFC) still logs in, and is upgraded to the NFC form', async () => {
    await http.register('legacy-user', 'placeholder-Strong-pass-1');
    // What the first round stored for a password typed decomposed: bcrypt of exactly those code points.
    const legacyHash = await bcrypt.hash(DECOMPOSED, 4);
    await orm.em.fork().nativeUpdate(User, { username: 'legacy-user' }, { passwordHash: legacyHash });
    expect(await login('legacy-user', DECOMPOSED)).toBe(200);
    const upgraded = await storedHash('legacy-user');
    expect(upgraded).not.toBe(legacyHash);
    expect(await bcrypt.compare(COMPOSED, upgraded)).toBe(true);
    expect(await login('legacy-user', COMPOSED)).toBe(200);
    expect(await login('legacy-user', DECOMPOSED)).toBe(200);
  });

  it('stores an email in its canonical form and refuses look-alike duplicates with 409', async () => {
    const user = await http.register('mail-one', 'mail-Strong-pass-1', 'Jos\u00e9@B\u00fccher.Example');
    expect(user.email).toBe('jos\u00e9@xn--bcher-kva.example');
    for (const [index, lookAlike] of [
      'jose\u0301@bu\u0308cher.example',
      'JOS\u00c9@xn--bcher-kva.example',
      'jos\u00e9@B\u00dcCHER.EXAMPLE',
    ].entries()) {
      const answer = await http.post('/auth/register', {
        body: { username: `mail-dup-${index}`, password: 'mail-Strong-pass-1', email: lookAlike },
      });
      expect(answer.status).toBe(409);
    }
  });

  it.each([
    ['a zero-width space', 'jo\u200bse@example.com'],
    ['a soft hyphen', 'jo\u00adse@example.com'],
    ['a right-to-left override', 'jose\u202e@example.com'],
    ['a control character', 'jose\u0007@example.com'],
  ])('refuses an email with %s (400)', async (_what, email) => {
    const answer = await http.post('/auth/register', { body: { username: 'mail-invisible', password: 'mail-Strong-pass-1', email } });
    expect(answer.status).toBe(400);
  });
});
