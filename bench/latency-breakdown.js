#!/usr/bin/env node
// Where the admin listing's latency is spent, from the services' own Prometheus histograms: the gateway's
// HTTP time and its round trip to the admin-service, the admin-service's handling time and its round trip
// to the auth-service, the auth-service's handling time. Averages over BENCH_DURATION seconds of
// `GET /admin/users?limit=1` at BENCH_CONNECTIONS and the warm-up of the same length before them.
//
//   node bench/latency-breakdown.js
'use strict';
const { Client } = require('./lib/client');
const { load } = require('./lib/load');
const { ADMIN, freePort, startSystem } = require('./lib/system');

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

/** Mean of a histogram's series whose lines contain `label`, in ms, from a Prometheus text page. */
function meanMs(page, metric, label) {
  const total = (suffix) =>
    page
      .split('\n')
      .filter((line) => line.startsWith(`${metric}_${suffix}`) && line.includes(label))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  return ((1000 * total('sum')) / total('count')).toFixed(1);
}

async function main() {
  const [authMetrics, adminMetrics] = [await freePort(), await freePort()];
  const system = await startSystem({
    transport: process.env.BENCH_TRANSPORT ?? 'redis',
    serviceEnv: { 'auth-service': { METRICS_PORT: String(authMetrics) }, 'admin-service': { METRICS_PORT: String(adminMetrics) } },
  });
  try {
    const admin = await new Client(system.baseUrl).login(ADMIN.username, ADMIN.password);
    const options = { url: `${system.baseUrl}/admin/users?limit=1`, connections: CONNECTIONS, headers: { cookie: admin.cookie } };
    await load('warm-up', { ...options, duration: DURATION });
    const page = async (url) => (await fetch(url)).text();
    const result = await load('GET /admin/users?limit=1', { ...options, duration: DURATION });
    const [gateway, adminService, authService] = await Promise.all([
      page(`${system.baseUrl}/metrics`),
      page(`http://127.0.0.1:${adminMetrics}/metrics`),
      page(`http://127.0.0.1:${authMetrics}/metrics`),
    ]);
    // The histograms count from start-up, so these means take in the warm-up load too.
    console.log(
      `${result.requestsPerSecond} req/s at ${CONNECTIONS} connections: ${((CONNECTIONS / result.requestsPerSecond) * 1000).toFixed(1)} ms per request (Little's law)`,
    );
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
