import type { SessionResolver } from '../auth/session-resolver';
import { prometheusConventionProblems } from './prometheus-conventions';
import { ServiceMetrics } from './service-metrics';

const resolver = (stats: { hits: number; misses: number; size: number }): SessionResolver =>
  ({ stats: () => stats }) as unknown as SessionResolver;

describe('ServiceMetrics', () => {
  it('follows the Prometheus conventions: counters end in _total, every metric has # HELP', async () => {
    const metrics = new ServiceMetrics('test');
    metrics.watchResolver(resolver({ hits: 3, misses: 1, size: 2 }));
    metrics.counter('login_attempts_total', 'Login attempts', ['outcome']).inc({ outcome: 'ok' });
    metrics.observeRoundTrip('auth.login', 0.01, 'ok');
    expect(prometheusConventionProblems(await metrics.text())).toEqual([]);
  });

  it('exposes the session cache as session_cache_lookups_total{result}, a counter of the running totals', async () => {
    const stats = { hits: 3, misses: 1, size: 2 };
    const metrics = new ServiceMetrics('test');
    metrics.watchResolver(resolver(stats));
    const first = await metrics.text();
    expect(first).toContain('# TYPE session_cache_lookups_total counter');
    expect(first).toMatch(/^session_cache_lookups_total\{result="hit",service="test"\} 3$/m);
    expect(first).toMatch(/^session_cache_lookups_total\{result="miss",service="test"\} 1$/m);
    stats.hits = 10;
    expect(await metrics.text()).toMatch(/^session_cache_lookups_total\{result="hit",service="test"\} 10$/m);
  });
});

describe('prometheusConventionProblems', () => {
  it('names a counter without _total and a metric without help', () => {
    const text = ['# HELP a_count x', '# TYPE a_count counter', '# HELP b_total y', '# TYPE b_total counter', '# TYPE c gauge'].join('\n');
    expect(prometheusConventionProblems(text)).toEqual(['counter a_count does not end in _total', 'c has no # HELP']);
  });
});
