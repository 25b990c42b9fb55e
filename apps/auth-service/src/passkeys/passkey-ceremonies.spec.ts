import { AuthenticationCredentialPayload, RegistrationCredentialPayload } from '@app/common';
import { Logger } from '@nestjs/common';
import { SoftAuthenticator } from '../../../../test/support/soft-authenticator';
import { webAuthnSettingsOf } from '../config/auth.config';
import { PasskeyCeremonies, StoredCredential } from './passkey-ceremonies';

const ORIGIN = 'https://auth.example.com';
const webauthn = { rpId: 'auth.example.com', origin: ORIGIN, rpName: 'Nest Auth' };
const USER = { id: '01900000-0000-7000-8000-000000000001', username: 'ada' };

describe('PasskeyCeremonies (the WebAuthn glue around @simplewebauthn/server)', () => {
  const ceremonies = new PasskeyCeremonies({ webauthn });

  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));

  async function registered(authenticator: SoftAuthenticator): Promise<StoredCredential> {
    const options = await ceremonies.registrationOptions(USER, []);
    const response = authenticator.register(options, ORIGIN) as unknown as RegistrationCredentialPayload;
    const credential = await ceremonies.verifyRegistration(response, options.challenge);
    if (!credential) throw new Error('registration did not verify');
    return credential;
  }

  async function assertion(authenticator: SoftAuthenticator, overrides = {}) {
    const options = await ceremonies.authenticationOptions();
    const response = authenticator.authenticate(options, ORIGIN, overrides) as unknown as AuthenticationCredentialPayload;
    return { options, response };
  }

  it('asks for a discoverable credential with user verification and no attestation, for the configured RP', async () => {
    const options = await ceremonies.registrationOptions(USER, [
      { credentialId: 'abc', publicKey: '', signCount: 0, transports: ['internal'] },
    ]);
    expect(options.rp).toEqual({ id: 'auth.example.com', name: 'Nest Auth' });
    expect(options.attestation).toBe('none');
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
    });
    expect(options.user.id).toBe(PasskeyCeremonies.userHandleOf(USER.id));
    expect(options.excludeCredentials).toEqual([{ id: 'abc', type: 'public-key', transports: ['internal'] }]);
    expect(options.challenge.length).toBeGreaterThanOrEqual(43);
  });

  it('sign-in options name no credential (no username is asked) and require user verification', async () => {
    const options = await ceremonies.authenticationOptions();
    expect(options.rpId).toBe('auth.example.com');
    expect(options.userVerification).toBe('required');
    expect(options.allowCredentials ?? []).toEqual([]);
  });

  it('verifies a registration and keeps the credential id, COSE key, counter and transports', async () => {
    const authenticator = new SoftAuthenticator();
    const credential = await registered(authenticator);
    expect(credential).toMatchObject({ credentialId: authenticator.id, signCount: 0, transports: ['internal'] });
    expect(credential.publicKey).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it.each([
    ['another origin', { origin: 'https://evil.example.net' }],
    ['another RP id', { rpId: 'example.net' }],
    ['no user verification', { userVerified: false }],
  ])('refuses a registration from %s', async (_case, overrides) => {
    const options = await ceremonies.registrationOptions(USER, []);
    const response = new SoftAuthenticator().register(options, ORIGIN, overrides) as unknown as RegistrationCredentialPayload;
    expect(await ceremonies.verifyRegistration(response, options.challenge)).toBeNull();
  });

  it('refuses a registration that answers another challenge', async () => {
    const options = await ceremonies.registrationOptions(USER, []);
    const other = await ceremonies.registrationOptions(USER, []);
    const response = new SoftAuthenticator().register(options, ORIGIN) as unknown as RegistrationCredentialPayload;
    expect(await ceremonies.verifyRegistration(response, other.challenge)).toBeNull();
  });

  it('verifies an assertion and answers the new sign counter', async () => {
    const authenticator = new SoftAuthenticator();
    const stored = await registered(authenticator);
    const { options, response } = await assertion(authenticator);
    expect(PasskeyCeremonies.challengeOf(response)).toBe(options.challenge);
    expect(await ceremonies.verifyAuthentication(response, options.challenge, stored)).toEqual({ signCount: 1 });
  });

  it('refuses an assertion whose counter did not go up (a cloned or replayed authenticator)', async () => {
    const authenticator = new SoftAuthenticator();
    const stored = { ...(await registered(authenticator)), signCount: 5 };
    const { options, response } = await assertion(authenticator, { signCount: 5 });
    expect(await ceremonies.verifyAuthentication(response, options.challenge, stored)).toBeNull();
  });

  it.each([
    ['another origin', { origin: 'https://evil.example.net' }],
    ['another RP id', { rpId: 'example.net' }],
    ['no user verification', { userVerified: false }],
  ])('refuses an assertion from %s', async (_case, overrides) => {
    const authenticator = new SoftAuthenticator();
    const stored = await registered(authenticator);
    const { options, response } = await assertion(authenticator, overrides);
    expect(await ceremonies.verifyAuthentication(response, options.challenge, stored)).toBeNull();
  });

  it('refuses an assertion signed by another key than the stored one', async () => {
    const stored = await registered(new SoftAuthenticator());
    const { options, response } = await assertion(new SoftAuthenticator());
    expect(await ceremonies.verifyAuthentication(response, options.challenge, { ...stored, credentialId: response.id })).toBeNull();
  });

  it('reads no challenge from a clientDataJSON that is not JSON', () => {
    expect(PasskeyCeremonies.challengeOf({ response: { clientDataJSON: 'bm90IGpzb24' } })).toBeNull();
  });
});

describe('the relying party configuration', () => {
  it('defaults the RP id to the host of PUBLIC_BASE_URL and the origin to its origin', () => {
    const { config, problems } = webAuthnSettingsOf({ NODE_ENV: 'production' }, 'https://auth.example.com/base');
    expect(config).toEqual({ rpId: 'auth.example.com', origin: 'https://auth.example.com', rpName: 'Nest Auth' });
    expect(problems).toEqual([]);
  });

  it('accepts a parent domain as the RP id, and refuses an unrelated one', () => {
    expect(webAuthnSettingsOf({ NODE_ENV: 'development', WEBAUTHN_RP_ID: 'example.com' }, 'https://auth.example.com').problems).toEqual([]);
    expect(
      webAuthnSettingsOf({ NODE_ENV: 'development', WEBAUTHN_RP_ID: 'example.net' }, 'https://auth.example.com').problems,
    ).toHaveLength(1);
  });

  it('refuses a plain-http PUBLIC_BASE_URL in production, except on localhost', () => {
    expect(webAuthnSettingsOf({ NODE_ENV: 'production' }, 'http://auth.example.com').problems).toEqual([
      'PUBLIC_BASE_URL must be https:// in production (except for localhost)',
    ]);
    expect(webAuthnSettingsOf({ NODE_ENV: 'production' }, 'http://localhost:3000').problems).toEqual([]);
    expect(webAuthnSettingsOf({ NODE_ENV: 'development' }, 'http://auth.example.com').problems).toEqual([]);
  });
});
