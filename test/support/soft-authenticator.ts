import { createHash, createSign, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';

/** The few CBOR shapes WebAuthn needs: maps with integer or text keys, byte strings, integers, text. */
type Cbor = number | string | Buffer | Map<number | string, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  if (length < 65536) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  throw new RangeError('CBOR item too long for this encoder');
}

function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value, 'utf8')]);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  const entries = [...value.entries()].flatMap(([key, item]) => [cbor(key), cbor(item)]);
  return Buffer.concat([head(5, value.size), ...entries]);
}

const b64url = (bytes: Buffer): string => bytes.toString('base64url');

export interface CeremonyOptions {
  challenge: string;
  rp?: { id?: string };
  rpId?: string;
  user?: { id: string };
}

/** What the browser would put in clientDataJSON, and what the authenticator would sign over. */
export interface Overrides {
  origin?: string;
  rpId?: string;
  /** Sign counter to report (default: the authenticator's own, incremented each use). */
  signCount?: number;
  userVerified?: boolean;
}

/**
 * A WebAuthn authenticator in software, for tests: one ES256 (P-256) key, "none" attestation, the JSON
 * shapes @simplewebauthn/browser produces. It answers what it is asked, from whatever origin a test
 * says, so a test can make real responses that a relying party must refuse.
 */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  private userHandle = '';
  private counter = 0;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.publicJwk = { x: jwk.x!, y: jwk.y! };
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  /** navigator.credentials.create(): a RegistrationResponseJSON for these creation options. */
  register(options: CeremonyOptions, origin: string, overrides: Overrides = {}): Record<string, unknown> {
    this.userHandle = options.user?.id ?? '';
    const rpId = overrides.rpId ?? options.rp?.id ?? new URL(origin).hostname;
    const coseKey = new Map<number, Cbor>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(this.publicJwk.x, 'base64url')],
      [-3, Buffer.from(this.publicJwk.y, 'base64url')],
    ]);
    const idLength = Buffer.from([this.credentialId.length >> 8, this.credentialId.length & 0xff]);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, cbor(coseKey)]);
    const authData = this.authenticatorData(rpId, overrides, 0x40, attested);
    const attestationObject = cbor(
      new Map<string, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge, overrides.origin ?? origin),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
    };
  }

  /** navigator.credentials.get(): an AuthenticationResponseJSON for these request options. */
  authenticate(options: CeremonyOptions, origin: string, overrides: Overrides = {}): Record<string, unknown> {
    const rpId = overrides.rpId ?? options.rpId ?? new URL(origin).hostname;
    const authData = this.authenticatorData(rpId, overrides, 0);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, overrides.origin ?? origin);
    const signed = Buffer.concat([authData, createHash('sha256').update(Buffer.from(clientDataJSON, 'base64url')).digest()]);
    const signature = createSign('sha256').update(signed).sign(this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON,
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
    };
  }

  private authenticatorData(rpId: string, overrides: Overrides, extraFlags: number, attested = Buffer.alloc(0)): Buffer {
    const rpIdHash = createHash('sha256').update(rpId).digest();
    // UP (0x01) always, UV (0x04) unless a test says the user was not verified, AT (0x40) with a new credential.
    const flags = 0x01 | (overrides.userVerified === false ? 0 : 0x04) | extraFlags;
    const count = overrides.signCount ?? (extraFlags & 0x40 ? 0 : ++this.counter);
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(count);
    return Buffer.concat([rpIdHash, Buffer.from([flags]), counter, attested]);
  }

  private clientData(type: string, challenge: string, origin: string): string {
    return b64url(Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8'));
  }
}
