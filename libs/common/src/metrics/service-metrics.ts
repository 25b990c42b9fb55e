import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SessionResolver } from '../auth/session-resolver';
import type { RoundTripObserver } from '../transport/rpc-client';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * One Prometheus registry per process, labelled with the service name: process metrics, transport
 * round trips, handled messages, and the session cache's hits and misses.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly roundTrip: Histogram<'pattern' | 'outcome'>;
  private readonly handled: Histogram<'pattern' | 'outcome'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.roundTrip = new Histogram({
      name: 'transport_round_trip_seconds',
      help: 'Time from sending a message to its reply, by pattern and outcome',
      labelNames: ['pattern', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.handled = new Histogram({
      name: 'messages_handled_seconds',
      help: 'Time to handle a message, by pattern and outcome',
      labelNames: ['pattern', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
  }

  /** Pass to RpcClient/ProtectedServiceModule to time every round trip. */
  readonly observeRoundTrip: RoundTripObserver = (pattern, seconds, outcome) => {
    this.roundTrip.observe({ pattern, outcome }, seconds);
  };

  observeHandled(pattern: string, seconds: number, outcome: string): void {
    this.handled.observe({ pattern, outcome }, seconds);
  }

  /** Exposes the resolver's cache counters (hit rate = rate(hits) / rate(hits + misses)). */
  watchResolver(resolver: SessionResolver): void {
    new Counter({
      name: 'session_cache_lookups_total',
      help: 'Session resolutions answered from memory (hit) or asked of the auth-service (miss), since start',
      labelNames: ['result'],
      registers: [this.registry],
      // The resolver keeps the running totals; each scrape copies them (a counter only counts up, and these do).
      collect() {
        const stats = resolver.stats();
        this.reset();
        this.inc({ result: 'hit' }, stats.hits);
        this.inc({ result: 'miss' }, stats.misses);
      },
    });
    new Gauge({
      name: 'session_cache_entries',
      help: 'Resolved sessions held in memory',
      registers: [this.registry],
      collect() {
        this.set(resolver.stats().size);
      },
    });
  }

  /** A counter registered on this registry. */
  counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** A histogram registered on this registry, with latency buckets. */
  histogram<L extends string>(name: string, help: string, labelNames: L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers: [this.registry] });
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
