import { Inject, Injectable } from '@nestjs/common';
import { KeyObject, createPublicKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { JwksProvider } from './jwks.provider';

interface JwtHeaderCarrier {
  header?: { kid?: string };
}

/** At most this many parsed keys are kept (the JWKS holds the current and the previous key). */
const MAX_PARSED_KEYS = 8;

/**
 * The PEM as a KeyObject, parsed once: jsonwebtoken parses a PEM string on every verify
 * (createPublicKey was ~5 % of the gateway's CPU under bearer load), but takes a KeyObject as it is.
 */
function parsedKey(cache: Map<string, KeyObject>, pem: string): KeyObject {
  let key = cache.get(pem);
  if (!key) {
    if (cache.size >= MAX_PARSED_KEYS) cache.clear();
    key = createPublicKey(pem);
    cache.set(pem, key);
  }
  return key;
}

/**
 * Verifies bearer access tokens: signature against the auth-service's JWKS, algorithm pinned to ES256
 * (so no `none` and no HS256-with-the-public-key), issuer, audience and expiry. Whether the session
 * is still alive is the SessionResolver's question, asked next by HttpAuthGuard.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(jwks: JwksProvider, @Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const parsedKeys = new Map<string, KeyObject>();
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: ['ES256'],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
      secretOrKeyProvider: (_request: unknown, rawJwtToken: string, done: (error: unknown, key?: string) => void) => {
        let kid: string | undefined;
        try {
          const header = JSON.parse(
            Buffer.from(rawJwtToken.split('.')[0] ?? '', 'base64url').toString('utf8'),
          ) as JwtHeaderCarrier['header'];
          kid = typeof header?.kid === 'string' ? header.kid : undefined;
        } catch {
          kid = undefined;
        }
        jwks.keyFor(kid).then(
          // passport-jwt hands the key to jsonwebtoken's verify unchanged, which takes a KeyObject; only its typings say string.
          (key) => (key ? done(null, parsedKey(parsedKeys, key) as unknown as string) : done(new Error('unknown key'))),
          (error: unknown) => done(error),
        );
      },
    });
  }

  validate(payload: Record<string, unknown>): Record<string, unknown> {
    return payload;
  }
}
