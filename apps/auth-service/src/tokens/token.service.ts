import { generateToken, hashToken } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { JWTPayload, SignJWT, decodeProtectedHeader, jwtVerify } from 'jose';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { StoredSession } from '../sessions/stored-session';
import { JWT_ALGORITHM, SigningKeys } from './signing-keys';

export interface AccessClaims {
  sub: string;
  sid: string;
  roles: string[];
  exp: number;
}

/** The claims an access token carries besides the registered ones (OpenID Connect names for `auth_time` and `amr`). */
interface SessionClaims {
  sid: string;
  roles: string[];
  /** Seconds: the session's last credential check. */
  auth_time: number;
  amr: string[];
}

/** Access tokens (ES256 JWTs naming a session) and refresh tokens (`<sessionId>.<secret>`, stored hashed). */
@Injectable()
export class TokenService {
  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly keys: SigningKeys,
  ) {}

  /** Signed from the session as it is now: a refreshed token carries its current roles, `auth_time` and `amr`. */
  async signAccessToken(session: StoredSession): Promise<{ token: string; expiresIn: number }> {
    const key = this.keys.current();
    const expiresIn = this.config.jwt.accessTokenTtlSeconds;
    const claims: SessionClaims = {
      sid: session.id,
      roles: session.user.roles,
      auth_time: Math.floor(session.authenticatedAt / 1000),
      amr: session.amr,
    };
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: JWT_ALGORITHM, kid: key.kid, typ: 'JWT' })
      .setSubject(session.userId)
      .setIssuer(this.config.jwt.issuer)
      .setAudience(this.config.jwt.audience)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(key.privateKey);
    return { token, expiresIn };
  }

  /** The claims of a valid access token, or null: wrong signature, algorithm, issuer, audience or expiry. */
  async verifyAccessToken(token: string): Promise<AccessClaims | null> {
    try {
      const key = this.keys.byKid(decodeProtectedHeader(token).kid);
      if (!key) return null;
      const { payload } = await jwtVerify(token, key.publicKey, {
        algorithms: [JWT_ALGORITHM],
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
      });
      return TokenService.claimsOf(payload);
    } catch {
      return null;
    }
  }

  /** A new refresh token for a session, and the hash to store. */
  newRefreshToken(sessionId: string): { token: string; secretHash: string } {
    const secret = generateToken();
    return { token: `${sessionId}.${secret}`, secretHash: hashToken(secret) };
  }

  /** Splits a presented refresh token into the session it names and the hash of its secret. */
  parseRefreshToken(token: string): { sessionId: string; secretHash: string } | null {
    const match = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/.exec(token);
    return match ? { sessionId: match[1], secretHash: hashToken(match[2]) } : null;
  }

  private static claimsOf(payload: JWTPayload): AccessClaims | null {
    const { sub, sid, roles, exp } = payload as JWTPayload & { sid?: unknown; roles?: unknown };
    if (typeof sub !== 'string' || typeof sid !== 'string' || typeof exp !== 'number' || !Array.isArray(roles)) return null;
    return { sub, sid, exp, roles: roles.map(String) };
  }
}
