import {
  AuthenticationCredentialPayload,
  PasskeyAuthenticationOptions,
  PasskeyRegistrationOptions,
  RegistrationCredentialPayload,
} from '@app/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  RegistrationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { CHALLENGE_TTL_SECONDS } from './webauthn-challenges';

/** A credential as it is stored and checked: base64url id and COSE public key, the last sign counter. */
export interface StoredCredential {
  credentialId: string;
  publicKey: string;
  signCount: number;
  transports: string[];
}

/** What a person is registering a passkey as. */
export interface RegisteringUser {
  id: string;
  username: string;
}

const TRANSPORTS: readonly string[] = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

function transportsOf(values: readonly string[] | undefined): AuthenticatorTransportFuture[] {
  return (values ?? []).filter((value): value is AuthenticatorTransportFuture => TRANSPORTS.includes(value));
}

const bytes = (base64url: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(base64url, 'base64url'));

/**
 * The WebAuthn ceremonies, as @simplewebauthn/server runs them, with this system's rules fixed in one
 * place: discoverable credentials, user verification required, attestation `none`, the relying party
 * id and the one origin from configuration. Verification answers null for anything that does not verify
 * (wrong origin, RP id, challenge, signature, a counter that went backwards); the reason is logged, not returned.
 */
@Injectable()
export class PasskeyCeremonies {
  private readonly logger = new Logger(PasskeyCeremonies.name);

  constructor(@Inject(AUTH_CONFIG) private readonly config: Pick<AuthConfig, 'webauthn'>) {}

  /**
   * The challenge a response answers, read from its clientDataJSON (what the browser signed), or null.
   * It is only a lookup key: the verification below checks it again against the one that was taken.
   */
  static challengeOf(response: { response: { clientDataJSON: string } }): string | null {
    try {
      const clientData = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8')) as unknown;
      const challenge = (clientData as { challenge?: unknown })?.challenge;
      return typeof challenge === 'string' && challenge.length > 0 && challenge.length <= 256 ? challenge : null;
    } catch {
      return null;
    }
  }

  /** The library's reason without the values it quotes (challenges, ids): those are never logged. */
  private static reasonOf(error: unknown): string {
    return String((error as Error)?.message ?? error).replace(/"[^"]*"/g, '"…"');
  }

  /** The user handle is the user's id (no name, no e-mail: authenticators may show or sync it). */
  static userHandleOf(userId: string): string {
    return Buffer.from(userId, 'utf8').toString('base64url');
  }

  registrationOptions(user: RegisteringUser, existing: readonly StoredCredential[]): Promise<PasskeyRegistrationOptions> {
    const { rpId, rpName } = this.config.webauthn;
    return generateRegistrationOptions({
      rpName,
      rpID: rpId,
      userName: user.username,
      userDisplayName: user.username,
      userID: new Uint8Array(Buffer.from(user.id, 'utf8')),
      timeout: CHALLENGE_TTL_SECONDS * 1000,
      attestationType: 'none',
      excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: transportsOf(passkey.transports) })),
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    });
  }

  /** The new credential, or null when the response does not verify against `expectedChallenge`. */
  async verifyRegistration(response: RegistrationCredentialPayload, expectedChallenge: string): Promise<StoredCredential | null> {
    const { rpId, origin } = this.config.webauthn;
    try {
      const result = await verifyRegistrationResponse({
        response: response as unknown as RegistrationResponseJSON,
        expectedChallenge,
        expectedOrigin: origin,
        expectedRPID: rpId,
        requireUserVerification: true,
      });
      if (!result.verified) return null;
      const { credential } = result.registrationInfo;
      return {
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        signCount: credential.counter,
        transports: transportsOf(credential.transports ?? response.response.transports),
      };
    } catch (error) {
      this.logger.warn(`passkey registration refused: ${PasskeyCeremonies.reasonOf(error)}`);
      return null;
    }
  }

  /** A challenge for a sign-in with any discoverable passkey of this relying party (no username asked). */
  authenticationOptions(): Promise<PasskeyAuthenticationOptions> {
    return generateAuthenticationOptions({
      rpID: this.config.webauthn.rpId,
      userVerification: 'required',
      timeout: CHALLENGE_TTL_SECONDS * 1000,
    });
  }

  /** The credential's new sign counter, or null when the assertion does not verify. */
  async verifyAuthentication(
    response: AuthenticationCredentialPayload,
    expectedChallenge: string,
    stored: StoredCredential,
  ): Promise<{ signCount: number } | null> {
    const { rpId, origin } = this.config.webauthn;
    try {
      const result = await verifyAuthenticationResponse({
        response: response as unknown as AuthenticationResponseJSON,
        expectedChallenge,
        expectedOrigin: origin,
        expectedRPID: rpId,
        requireUserVerification: true,
        credential: {
          id: stored.credentialId,
          publicKey: bytes(stored.publicKey),
          counter: stored.signCount,
          transports: transportsOf(stored.transports),
        },
      });
      return result.verified ? { signCount: result.authenticationInfo.newCounter } : null;
    } catch (error) {
      this.logger.warn(`passkey sign-in refused: ${PasskeyCeremonies.reasonOf(error)}`);
      return null;
    }
  }
}
