import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AUTH_RPC_CLIENT, AuthContract } from '../contracts/auth/auth.contract';
import { AuthPatterns, BroadcastChannels, RevocationEvent } from '../contracts/auth/auth.patterns';
import { ResolvedSession } from '../contracts/auth/auth.results';
import { hashToken } from '../crypto/tokens';
import { BROADCAST_BUS, BroadcastBus } from '../transport/broadcast-bus';
import { RpcClient } from '../transport/rpc-client';

/** Injection token: SessionResolverOptions. */
export const SESSION_RESOLVER_OPTIONS = Symbol('SESSION_RESOLVER_OPTIONS');

export interface SessionResolverOptions {
  /** How long a resolution may be served from memory; the idle-timeout touch rides on the next miss. */
  cacheTtlMs: number;
  /** Most resolutions kept at once (LRU beyond that). */
  cacheMax: number;
}

export interface Credential {
  kind: 'session' | 'bearer';
  token: string;
}

/**
 * "Who is this caller?" for every service: asks the auth-service, and keeps the answer in memory for
 * a short, bounded time. Every replica drops entries the moment a revocation is broadcast, and an
 * answer that was in flight during a revocation is never cached, so a revoked session cannot linger.
 */
@Injectable()
export class SessionResolver implements OnModuleInit {
  private readonly logger = new Logger(SessionResolver.name);
  private readonly cache: LRUCache<string, ResolvedSession>;
  private readonly inFlight = new Map<string, Promise<ResolvedSession | null>>();
  private generation = 0;
  private hits = 0;
  private misses = 0;

  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    @Inject(BROADCAST_BUS) private readonly bus: BroadcastBus,
    @Inject(SESSION_RESOLVER_OPTIONS) private readonly options: SessionResolverOptions,
  ) {
    this.cache = new LRUCache({ max: options.cacheMax, ttl: options.cacheTtlMs, ttlAutopurge: false });
  }

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(BroadcastChannels.Revoked, (event) => this.onRevoked(event as RevocationEvent));
    // Revocations broadcast while the link was down were missed: nothing cached before can be trusted.
    this.bus.onReconnect(() => this.forgetAll());
  }

  /** The resolved caller, or null when the credential names no live session. */
  async resolve(credential: Credential): Promise<ResolvedSession | null> {
    const key = this.keyOf(credential);
    const cached = this.fresh(key);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const request = this.fetch(key, credential).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  /** The cached resolution of a credential, if one is held and fresh; never asks the auth-service. */
  peek(credential: Credential): ResolvedSession | undefined {
    return this.fresh(this.keyOf(credential));
  }

  /** Drops what this process holds for a session or a user (used right after a local revoke, too). */
  forget(event: RevocationEvent): void {
    this.onRevoked(event);
  }

  /** Drops every cached resolution (after the broadcast link was lost and came back). */
  forgetAll(): void {
    this.generation++;
    this.inFlight.clear();
    const dropped = this.cache.size;
    this.cache.clear();
    this.logger.log(`broadcast link back: dropped ${dropped} cached resolution(s), revocations may have been missed meanwhile`);
  }

  /** Cache counters, for metrics. */
  stats(): { hits: number; misses: number; size: number } {
    return { hits: this.hits, misses: this.misses, size: this.cache.size };
  }

  private keyOf(credential: Credential): string {
    return `${credential.kind}:${hashToken(credential.token)}`;
  }

  private fresh(key: string): ResolvedSession | undefined {
    const cached = this.cache.get(key);
    return cached && cached.cacheUntil > Date.now() ? cached : undefined;
  }

  private async fetch(key: string, credential: Credential): Promise<ResolvedSession | null> {
    const generation = this.generation;
    const resolved = await this.auth.send(AuthPatterns.ResolveSession, { credential });
    const ttl = resolved ? Math.min(this.options.cacheTtlMs, resolved.cacheUntil - Date.now()) : 0;
    if (resolved && ttl > 0 && generation === this.generation) this.cache.set(key, resolved, { ttl });
    return resolved;
  }

  private onRevoked(event: RevocationEvent | undefined): void {
    if (!event || typeof event !== 'object') return;
    this.generation++;
    this.inFlight.clear();
    const sessionIds = new Set(Array.isArray(event.sessionIds) ? event.sessionIds : []);
    let dropped = 0;
    for (const [key, value] of this.cache.entries()) {
      if (sessionIds.has(value.session.id) || (event.userId && value.user.id === event.userId)) {
        this.cache.delete(key);
        dropped++;
      }
    }
    if (dropped) this.logger.debug(`dropped ${dropped} cached resolution(s) on revocation`);
  }
}
