import { AUTH_RPC_CLIENT, AuthContract, AuthPatterns, DomainError, ErrorCode, RpcClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { KeyObject, createPublicKey } from 'node:crypto';

/** At most one refetch a second: new keys are seen at once, forged kids cannot flood the auth-service. */
const REFETCH_INTERVAL_MS = 1_000;

/**
 * The public keys that verify access tokens, fetched from the auth-service over the transport and
 * kept; an unknown `kid` triggers a refetch, at most one per interval (so a rotated key is picked up
 * on its first token).
 */
@Injectable()
export class JwksProvider {
  private keys = new Map<string, string>();
  private fetchedAt = 0;
  private pending?: Promise<void>;

  constructor(@Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>) {}

  /** The PEM public key for a kid, or undefined; throws Unavailable when no keys could ever be loaded. */
  async keyFor(kid: string | undefined): Promise<string | undefined> {
    if (!kid) return undefined;
    if (!this.keys.has(kid) && Date.now() - this.fetchedAt > REFETCH_INTERVAL_MS) await this.refresh();
    return this.keys.get(kid);
  }

  private refresh(): Promise<void> {
    this.pending ??= this.load().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async load(): Promise<void> {
    try {
      const { keys } = await this.auth.send(AuthPatterns.GetJwks, {});
      const next = new Map<string, string>();
      for (const jwk of keys) {
        if (typeof jwk.kid !== 'string') continue;
        const key: KeyObject = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
        next.set(jwk.kid, key.export({ type: 'spki', format: 'pem' }).toString());
      }
      this.keys = next;
      this.fetchedAt = Date.now();
    } catch (error) {
      if (this.keys.size === 0) throw error instanceof DomainError ? error : new DomainError(ErrorCode.Unavailable, 'Keys unavailable', 5);
    }
  }
}
