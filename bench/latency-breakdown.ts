// Where the admin listing's latency is spent, from the services' own Prometheus histograms: the gateway's
// HTTP time and its round trip to the admin-service, the admin-service's handling time and its round trip
// to the auth-service, the auth-service's handling time. Averages over BENCH_DURATION seconds of
// `GET /admin/users?limit=1` at BENCH_CONNECTIONS and the warm-up of the same length before them.
//
//   node dist/tooling/bench/latency-breakdown.js
import { ADMIN, freePort } from '../test/support/system';
import { startBenchSystem } from './lib/bench-system';
import { BenchClient } from './lib/client';
import { load } from './lib/load';
import { CONNECTIONS, DURATION } from './lib/settings';

/** Mean of a histogram's series whose lines contain `label`, in ms, from a Prometheus text page. */
function meanMs(page: string, metric: string, label: string): string {
  const total = (suffix: string): number =>
    page
      .split('\n')
      .filter((line) => line.startsWith(`${metric}_${suffix}`) && line.includes(label))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  return ((1000 * total('sum')) / total('count')).toFixed(1);
}

async function main(): Promise<void> {
  const [authMetrics, adminMetrics] = [await freePort(), await freePort()];
  const system = await startBenchSystem({
    serviceEnv: { 'auth-service': { METRICS_PORT: String(authMetrics) }, 'admin-service': { METRICS_PORT: String(adminMetrics) } },
  });
  try {
    const admin = await new BenchClient(system.baseUrl).login(ADMIN.username, ADMIN.password);
    const options = { url: `${system.baseUrl}/admin/users?limit=1`, connections: CONNECTIONS, headers: { cookie: admin.cookie } };
    await load('warm-up', { ...options, duration: DURATION });
    const page = async (url: string): Promise<string> => (await fetch(url)).text();
    const result = await load('GET /admin/users?limit=1', { ...options, duration: DURATION });
    const [gateway, adminService, authService] = await Promise.all([
      page(`${system.baseUrl}/metrics`),
      page(`http://127.0.0.1:${adminMetrics}/metrics`),
      page(`http://127.0.0.1:${authMetrics}/metrics`),
    ]);
    // The histograms count from start-up, so these means take in the warm-up load too.
    const perRequest = ((CONNECTIONS / result.requestsPerSecond) * 1000).toFixed(1);
    console.log(`${result.requestsPerSecond} req/s at ${CONNECTIONS} connections: ${perRequest} ms per request (Little's law)`);
    console.log(`  gateway, HTTP request            ${meanMs(gateway, 'http_request_duration_seconds', '/admin/users')} ms`);
    console.log(`  gateway → admin-service and back ${meanMs(gateway, 'transport_round_trip_seconds', 'admin.users.list')} ms`);
    console.log(`  admin-service, handling          ${meanMs(adminService, 'messages_handled_seconds', 'admin.users.list')} ms`);
    console.log(`  admin-service → auth-service     ${meanMs(adminService, 'transport_round_trip_seconds', 'auth.admin.users.list')} ms`);
    console.log(`  auth-service, handling           ${meanMs(authService, 'messages_handled_seconds', 'auth.admin.users.list')} ms`);
  } finally {
    await system.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
