#!/usr/bin/env node
// Container health probe for a transport-only service (auth-service, admin-service): sends the
// service's health message over TRANSPORT_URL and exits 0 only if it answers "ok" in time. A process
// that runs but no longer reads its transport (or, for the auth-service, has lost Redis or the
// database) is unhealthy. Usage: node scripts/healthcheck.js auth-service|admin-service
'use strict';
const path = require('node:path');

const HEALTH_PATTERNS = { 'auth-service': ['auth', 'AuthPatterns'], 'admin-service': ['admin', 'AdminPatterns'] };
const TIMEOUT_MS = Number(process.env.HEALTHCHECK_TIMEOUT_MS || 3000);

const service = process.argv[2] || process.env.APP;
if (!HEALTH_PATTERNS[service]) {
  console.error(`usage: healthcheck.js ${Object.keys(HEALTH_PATTERNS).join('|')}`);
  process.exit(2);
}

// The compiled contracts and transport options of the service itself: the probe speaks exactly as its callers do.
const common = path.join(__dirname, '..', 'dist', 'apps', service, 'libs', 'common', 'src');
const [area, exportName] = HEALTH_PATTERNS[service];
const pattern = require(path.join(common, 'contracts', area, `${area}.patterns.js`))[exportName].Health;
const { transportOptions } = require(path.join(common, 'transport', 'transport-options.js'));
const { Logger } = require('@nestjs/common');
const { ClientProxyFactory } = require('@nestjs/microservices');
const { lastValueFrom, timeout } = require('rxjs');

// Only the probe's verdict goes to the health log, not the client's connection chatter.
Logger.overrideLogger(false);

// The service's own default, as its config schema has it.
const url = process.env.TRANSPORT_URL || 'redis://127.0.0.1:6379';
const client = ClientProxyFactory.create(transportOptions(url));

// A hung connection attempt must not outlive the probe.
setTimeout(() => {
  console.error(`${pattern}: no answer within ${TIMEOUT_MS} ms`);
  process.exit(1);
}, TIMEOUT_MS + 500).unref();

lastValueFrom(client.send(pattern, { requestId: `healthcheck-${process.pid}` }).pipe(timeout(TIMEOUT_MS)))
  .then((result) => {
    const ok = result && result.status === 'ok';
    if (!ok) console.error(`${pattern}: ${JSON.stringify(result)}`);
    process.exit(ok ? 0 : 1);
  })
  .catch((error) => {
    console.error(`${pattern}: ${error && error.message ? error.message : String(error)}`);
    process.exit(1);
  });
