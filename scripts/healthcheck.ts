// Container health probe for a transport-only service (auth-service, admin-service): sends the
// service's health message over TRANSPORT_URL and exits 0 only if it answers "ok" in time. A process
// that runs but no longer reads its transport (or, for the auth-service, has lost Redis or the
// database) is unhealthy. Usage: node dist/tooling/scripts/healthcheck.js auth-service|admin-service
// Self-contained (the image holds this one compiled file): it needs only node_modules and the service's dist/.
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { ClientProxyFactory } from '@nestjs/microservices';
import { lastValueFrom, timeout } from 'rxjs';

type AuthPatternsModule = typeof import('../libs/common/src/contracts/auth/auth.patterns');
type AdminPatternsModule = typeof import('../libs/common/src/contracts/admin/admin.patterns');
type TransportOptionsModule = typeof import('../libs/common/src/transport/transport-options');

/** Where each service's health pattern is, in its compiled contracts. */
const HEALTH_PATTERNS = {
  'auth-service': async (contracts: string) =>
    ((await import(join(contracts, 'auth', 'auth.patterns.js'))) as AuthPatternsModule).AuthPatterns.Health,
  'admin-service': async (contracts: string) =>
    ((await import(join(contracts, 'admin', 'admin.patterns.js'))) as AdminPatternsModule).AdminPatterns.Health,
};
type Service = keyof typeof HEALTH_PATTERNS;

const TIMEOUT_MS = Number(process.env.HEALTHCHECK_TIMEOUT_MS || 3000);
// Compiled to dist/tooling/scripts/, here and in the image.
const ROOT = resolve(__dirname, '..', '..', '..');

function isService(name: string | undefined): name is Service {
  return !!name && Object.hasOwn(HEALTH_PATTERNS, name);
}

async function main(): Promise<void> {
  const service = process.argv[2] || process.env.APP;
  if (!isService(service)) {
    console.error(`usage: healthcheck.js ${Object.keys(HEALTH_PATTERNS).join('|')}`);
    process.exit(2);
  }
  // The compiled contracts and transport options of the service itself: the probe speaks exactly as its callers do.
  const common = join(ROOT, 'dist', 'apps', service, 'libs', 'common', 'src');
  const pattern = await HEALTH_PATTERNS[service](join(common, 'contracts'));
  const { transportOptions } = (await import(join(common, 'transport', 'transport-options.js'))) as TransportOptionsModule;

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

  try {
    const answer = client.send<{ status?: string } | null>(pattern, { requestId: `healthcheck-${process.pid}` });
    const result = await lastValueFrom(answer.pipe(timeout(TIMEOUT_MS)));
    const ok = result?.status === 'ok';
    if (!ok) console.error(`${pattern}: ${JSON.stringify(result)}`);
    process.exit(ok ? 0 : 1);
  } catch (error) {
    console.error(`${pattern}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
