import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { JwksProvider } from './jwks.provider';

interface JwtHeaderCarrier {
  header?: { kid?: string };
}

/**
 * Verifies bearer access tokens: signature against the auth-service's JWKS, algorithm pinned to ES256
 * (so no `none` and no HS256-with-the-public-key), issuer, audience and expiry. Whether the session
 * is still alive is the SessionResolver's question, asked next by HttpAuthGuard.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(jwks: JwksProvider, @Inject(GATEWAY_CONFIG) config: GatewayConfig) {
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
          (key) => (key ? done(null, key) : done(new Error('unknown key'))),
          (error: unknown) => done(error),
        );
      },
    });
  }

  validate(payload: Record<string, unknown>): Record<string, unknown> {
    return payload;
  }
}
