import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JWK, KeyLike, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8 } from 'jose';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { ReplicatedWrites } from '../redis/replicated-writes';

export const JWT_ALGORITHM = 'ES256';

export interface SigningKey {
  kid: string;
  /** The private JWK with its kid and alg: the OpenID Connect provider signs ID tokens with it. */
  privateJwk: JWK;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}

async function fromJwk(jwk: JWK): Promise<SigningKey> {
  const privateKey = (await importJWK({ ...jwk, alg: JWT_ALGORITHM }, JWT_ALGORITHM)) as KeyLike;
  const { d: _private, ...publicPart } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint(publicPart));
  const publicJwk: JWK = { ...publicPart, kid, alg: JWT_ALGORITHM, use: 'sig' };
  const publicKey = (await importJWK(publicJwk, JWT_ALGORITHM)) as KeyLike;
  return { kid, privateJwk: { ...publicJwk, d: jwk.d }, privateKey, publicKey, publicJwk };
}

async function fromPem(pem: string): Promise<SigningKey> {
  const privateKey = await importPKCS8(pem, JWT_ALGORITHM, { extractable: true });
  return fromJwk(await exportJWK(privateKey));
}

/** Parses JWT_SIGNING_KEYS: a JSON array of private JWKs, or PEM (PKCS#8) blocks; the first one signs. */
export async function parseSigningKeys(value: string): Promise<SigningKey[]> {
  const trimmed = value.trim();
  if (trimmed.startsWith('[')) return Promise.all((JSON.parse(trimmed) as JWK[]).map(fromJwk));
  const blocks = trimmed.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/g) ?? [];
  if (blocks.length === 0) throw new Error('JWT_SIGNING_KEYS holds neither a JSON array of JWKs nor PKCS#8 PEM keys');
  return Promise.all(blocks.map(fromPem));
}

/** A new ES256 private JWK with a thumbprint kid, for development and for `JWT_SIGNING_KEYS`. */
export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(JWT_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const { d: _private, ...publicPart } = jwk;
  return { ...jwk, kid: await calculateJwkThumbprint(publicPart) };
}

/**
 * The keys that sign and verify access tokens: from configuration in production; in development,
 * generated once and kept in Redis so every auth-service replica signs with the same key.
 * The first key signs; the others (the previous ones) still verify until their tokens expire.
 */
@Injectable()
export class SigningKeys implements OnModuleInit {
  private readonly logger = new Logger(SigningKeys.name);
  private keys: SigningKey[] = [];

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly writes: ReplicatedWrites,
  ) {}

  async onModuleInit(): Promise<void> {
    const configured = this.config.jwt.signingKeys;
    this.keys = configured ? await parseSigningKeys(configured) : await this.sharedDevelopmentKeys();
    this.logger.log(`signing with kid ${this.current().kid}; ${this.keys.length} key(s) in the JWKS`);
  }

  current(): SigningKey {
    return this.keys[0];
  }

  byKid(kid: string | undefined): SigningKey | undefined {
    return this.keys.find((key) => key.kid === kid);
  }

  publicJwks(): JWK[] {
    return this.keys.map((key) => key.publicJwk);
  }

  /** The same keys with their private part, for the OpenID Connect provider (over the password-protected transport only). */
  privateJwks(): JWK[] {
    return this.keys.map((key) => key.privateJwk);
  }

  private async sharedDevelopmentKeys(): Promise<SigningKey[]> {
    const redisKey = `${this.config.redisPrefix}jwt:dev-signing-key`;
    // Confirmed by a replica (with Sentinel or Cluster): a failover must not hand the replicas a new key.
    await this.writes.redis.set(redisKey, JSON.stringify(await generateSigningJwk()), 'NX');
    await this.writes.confirm(redisKey);
    const stored = await this.writes.redis.get(redisKey);
    if (!stored) throw new Error('could not read the shared development signing key');
    return [await fromJwk(JSON.parse(stored) as JWK)];
  }
}
