import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { parseTransportUrl } from '@app/common';
import { ZodObject, ZodRawShape } from 'zod';
import { adminConfigSchema, loadAdminConfig } from '../../admin-service/src/config/admin.config';
import { authConfigSchema, loadAuthConfig } from '../../auth-service/src/config/auth.config';
import { parseSigningKeys } from '../../auth-service/src/tokens/signing-keys';
import { gatewayConfigSchema, loadGatewayConfig } from '../src/config/gateway.config';
import { ROOT, TestSystem } from '../../../test/support/system';

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string | number | boolean>;
  ports?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string | string[] };
  restart?: string;
}

type ComposeFile = { services: Record<string, ComposeService> };
const readCompose = (file: string): ComposeFile => parse(readFileSync(join(ROOT, file), 'utf8'), { merge: true }) as ComposeFile;
const services = readCompose('docker-compose.yml').services;

/** docker-compose.yml with compose.ha.yml over it, merged as compose merges: maps key by key, the rest replaced. */
function withOverride(base: Record<string, ComposeService>, override: Record<string, ComposeService>): Record<string, ComposeService> {
  const merged: Record<string, ComposeService> = { ...base };
  for (const [name, service] of Object.entries(override)) {
    const under = base[name] ?? {};
    merged[name] = {
      ...under,
      ...service,
      environment: { ...under.environment, ...service.environment },
      depends_on: { ...(under.depends_on as object), ...(service.depends_on as object) },
    };
  }
  return merged;
}
const haServices = withOverride(services, readCompose('compose.ha.yml').services);
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');
/** The compiled health probe of the transport-only services, where npm run build and the image put it. */
const HEALTHCHECK = 'dist/tooling/scripts/healthcheck.js';

/** The zod schema of each Node service: what its environment may name. */
const SCHEMAS: Record<string, ZodObject<ZodRawShape>> = {
  'auth-service': authConfigSchema,
  gateway: gatewayConfigSchema,
  'admin-service': adminConfigSchema,
};
const nodeServices = Object.keys(SCHEMAS);

/** KEY=value lines of a dotenv file; single-quoted values are literal, as docker compose reads them. */
function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!match) continue;
    const raw = match[2];
    values[match[1]] = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  }
  return values;
}

/** Compose's interpolation of ${VAR}, ${VAR:-default} and ${VAR:?message}: what a container would be given. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?\}/g, (_all, name: string, operator: string | undefined, argument: string) => {
    const set = env[name];
    const present = operator?.startsWith(':') ? !!set : set !== undefined;
    if (present) return set;
    if (operator?.endsWith('?')) throw new Error(`compose would refuse to start: ${name}: ${argument}`);
    return operator ? argument : '';
  });
}

function environmentOf(name: string, env: Record<string, string>, from = services): Record<string, string> {
  return Object.fromEntries(Object.entries(from[name].environment ?? {}).map(([key, value]) => [key, interpolate(String(value), env)]));
}

/** The variables the stages after the last FROM run with. */
function finalStage(text: string): string {
  const stages = text.split(/^FROM\s/m);
  return stages[stages.length - 1];
}

describe('the docker compose deployment', () => {
  it('declares the databases, the transport, the mail catcher and the three services, each restarted unless stopped', () => {
    expect(Object.keys(services).sort()).toEqual(['admin-service', 'auth-service', 'gateway', 'mailpit', 'nats', 'postgres', 'redis']);
    for (const [name, service] of Object.entries(services)) {
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
    }
  });

  it('gives every service a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, test: service.healthcheck?.test }).toEqual({ name, test: expect.anything() });
    }
    for (const name of ['auth-service', 'admin-service']) {
      expect(services[name].healthcheck?.test).toEqual(['CMD', 'node', HEALTHCHECK, name]);
    }
    // The image compiles scripts/healthcheck.ts as npm run build does and keeps it at the same path.
    expect(existsSync(join(ROOT, 'scripts', 'healthcheck.ts'))).toBe(true);
    expect(dockerfile).toMatch(/npx tsc -p scripts/);
    expect(dockerfile).toContain(`COPY --from=build /app/${HEALTHCHECK} ./${dirname(HEALTHCHECK)}/`);
  });

  it('sets for each Node service only variables its config schema knows', () => {
    for (const name of nodeServices) {
      const known = Object.keys(SCHEMAS[name].shape);
      const unknown = Object.keys(services[name].environment ?? {}).filter((key) => !known.includes(key));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
      expect(services[name].environment?.NODE_ENV).toBe('production');
    }
  });

  it('publishes no port but the gateway’s, and Mailpit’s web UI on 127.0.0.1 only', () => {
    const publishing = Object.entries(services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(publishing.sort()).toEqual(['gateway', 'mailpit']);
    expect(services.mailpit.ports).toEqual(['127.0.0.1:8025:8025']);
  });

  it('sends the auth-service’s mail to Mailpit over the internal network, from a pinned image with its own probe', () => {
    const mailpit = services.mailpit as ComposeService & { networks?: string[] };
    expect(mailpit.image).toMatch(/^axllent\/mailpit:v\d+\.\d+\.\d+$/);
    expect(mailpit.networks).toContain('backend');
    expect(mailpit.healthcheck?.test).toEqual(['CMD', '/mailpit', 'readyz']);
    const auth = loadAuthConfig(
      environmentOf(
        'auth-service',
        parseDotenv(
          execFileSync(process.execPath, [join(ROOT, 'dist', 'tooling', 'scripts', 'generate-secrets.js')], { encoding: 'utf8' }),
        ),
      ),
    );
    expect(auth.mail).toMatchObject({
      smtpUrl: 'smtp://mailpit:1025',
      from: 'Nest Auth <no-reply@localhost>',
      publicBaseUrl: 'http://localhost:3000',
    });
  });

  it('builds each Node service from the one Dockerfile, with APP naming its app folder', () => {
    for (const name of nodeServices) {
      const build = services[name].build;
      expect({ name, context: build?.context, dockerfile: build?.dockerfile ?? 'Dockerfile' }).toEqual({
        name,
        context: '.',
        dockerfile: 'Dockerfile',
      });
      const app = build?.args?.APP;
      expect(app).toBe(name);
      expect(existsSync(join(ROOT, 'apps', String(app), 'src', 'main.ts'))).toBe(true);
    }
    expect(dockerfile).toMatch(/npx nest build "\$APP"/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });

  it('starts each Node service in the image with the V8 heap settings of scripts/node-options.json, which node accepts', () => {
    const nodeOptions = JSON.parse(readFileSync(join(ROOT, 'scripts', 'node-options.json'), 'utf8')) as Record<string, string[]>;
    expect(Object.keys(nodeOptions).sort()).toEqual([...nodeServices].sort());
    for (const name of nodeServices) {
      const check = spawnSync(process.execPath, [...nodeOptions[name], '-e', '0'], { encoding: 'utf8' });
      expect({ name, status: check.status, stderr: check.stderr }).toEqual({ name, status: 0, stderr: '' });
    }
    expect(dockerfile).toMatch(/COPY scripts\/node-options\.json \.\/scripts\//);
    expect(dockerfile).toMatch(/require\('\.\/scripts\/node-options\.json'\)\[process\.env\.APP\]\.join\(' '\)" > node-options/);
    expect(dockerfile).toMatch(/exec node \$\(cat node-options\) dist\/apps\/\$APP\/apps\/\$APP\/src\/main\.js/);
  });

  it('waits for dependencies to be healthy, not merely started', () => {
    for (const [name, service] of Object.entries(services)) {
      const dependsOn = service.depends_on ?? {};
      expect({ name, list: Array.isArray(dependsOn) }).toEqual({ name, list: false });
      for (const [dependency, rule] of Object.entries(dependsOn as Record<string, { condition?: string }>)) {
        expect({ name, dependency, condition: rule.condition }).toEqual({ name, dependency, condition: 'service_healthy' });
        expect(services[dependency]).toBeDefined();
      }
    }
    expect(Object.keys(services.gateway.depends_on ?? {})).toEqual(expect.arrayContaining(['auth-service', 'admin-service']));
  });

  it('runs the image as a non-root user', () => {
    const users = [...finalStage(dockerfile).matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0', '0:0']).not.toContain(users[users.length - 1]);
  });

  it('commits no secret: every password, secret, key and URL with credentials comes from .env', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        // A URL without credentials (Mailpit's SMTP, the public base URL) may have a default here.
        if (/PASSWORD|SECRET|KEYS/.test(key) || (/_URL$/.test(key) && String(value).includes('@'))) {
          expect({ name, key, value: String(value) }).toEqual({ name, key, value: expect.stringMatching(/\$\{[A-Z_]+:\?/) });
        }
      }
    }
  });

  it('names in .env.example every variable of every service’s schema and every variable compose interpolates', () => {
    const named = new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
    const schemaKeys = Object.values(SCHEMAS).flatMap((schema) => Object.keys(schema.shape));
    expect(schemaKeys.filter((key) => !named.has(key))).toEqual([]);
    const interpolated = [...readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8').matchAll(/\$\{([A-Z0-9_]+)/g)].map((match) => match[1]);
    expect(interpolated.filter((key) => !named.has(key))).toEqual([]);
  });

  it('starts every service in production with the secrets script’s .env (its config validation passes)', async () => {
    const generated = execFileSync(process.execPath, [join(ROOT, 'dist', 'tooling', 'scripts', 'generate-secrets.js')], {
      encoding: 'utf8',
    });
    const env = parseDotenv(generated);
    const auth = loadAuthConfig(environmentOf('auth-service', env));
    expect(auth).toMatchObject({ env: 'production', bootstrapAdmin: { username: 'admin' } });
    expect(auth.databaseUrl).toMatch(/^postgres:\/\/auth:[0-9a-f]+@postgres:5432\/auth$/);
    const keys = await parseSigningKeys(auth.jwt.signingKeys ?? '');
    expect(keys).toHaveLength(1);
    expect(keys[0].publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(keys[0].publicJwk).not.toHaveProperty('d');
    expect(loadGatewayConfig(environmentOf('gateway', env))).toMatchObject({ env: 'production', cookieSecure: true, port: 3000 });
    expect(loadAdminConfig(environmentOf('admin-service', env)).transportUrl).toMatch(/^nats:\/\/services:[0-9a-f]+@nats:4222$/);
    expect(() => interpolate(String(services.gateway.environment?.COOKIE_SECRET), {})).toThrow(/COOKIE_SECRET/);
  });
});

describe('the highly available override (compose.ha.yml over docker-compose.yml)', () => {
  it('adds a replica, three sentinels and two more NATS servers, each restarted unless stopped and with a health check', () => {
    expect(Object.keys(haServices).sort()).toEqual(
      [
        'admin-service',
        'auth-service',
        'gateway',
        'mailpit',
        'nats',
        'nats-2',
        'nats-3',
        'postgres',
        'redis',
        'redis-replica',
        'sentinel-1',
        'sentinel-2',
        'sentinel-3',
      ].sort(),
    );
    for (const [name, service] of Object.entries(haServices)) {
      expect({ name, restart: service.restart, test: service.healthcheck?.test }).toEqual({
        name,
        restart: 'unless-stopped',
        test: expect.anything(),
      });
    }
  });

  it('waits for healthy dependencies, publishes no more than docker-compose.yml, and takes every secret from .env', () => {
    for (const [name, service] of Object.entries(haServices)) {
      for (const [dependency, rule] of Object.entries((service.depends_on ?? {}) as Record<string, { condition?: string }>)) {
        expect({ name, dependency, condition: rule.condition, known: !!haServices[dependency] }).toEqual({
          name,
          dependency,
          condition: 'service_healthy',
          known: true,
        });
      }
      // The override publishes nothing more than docker-compose.yml does (the gateway, Mailpit's UI on loopback).
      expect({ name, ports: service.ports ?? [] }).toEqual({ name, ports: services[name]?.ports ?? [] });
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        // As in docker-compose.yml: URLs with credentials only (the empty REDIS_URL that clears the base one has none).
        if (/PASSWORD|SECRET|KEYS/.test(key) || (/_URL$/.test(key) && String(value).includes('@'))) {
          expect({ name, key, value: String(value) }).toEqual({ name, key, value: expect.stringMatching(/\$\{[A-Z_]+:\?/) });
        }
      }
    }
    expect(Object.keys(haServices['auth-service'].depends_on ?? {})).toEqual(
      expect.arrayContaining(['redis-replica', 'sentinel-1', 'nats-2', 'nats-3']),
    );
  });

  it('sets for each Node service only variables its schema knows, and .env.example names every variable it interpolates', () => {
    for (const name of nodeServices) {
      const known = Object.keys(SCHEMAS[name].shape);
      expect({ name, unknown: Object.keys(haServices[name].environment ?? {}).filter((key) => !known.includes(key)) }).toEqual({
        name,
        unknown: [],
      });
    }
    const named = new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
    const interpolated = [...readFileSync(join(ROOT, 'compose.ha.yml'), 'utf8').matchAll(/\$\{([A-Z0-9_]+)/g)].map((match) => match[1]);
    expect(interpolated.filter((key) => !named.has(key))).toEqual([]);
  });

  it('starts every service in production with the secrets script’s .env: Sentinel with WAIT, three NATS servers', () => {
    const generated = execFileSync(process.execPath, [join(ROOT, 'dist', 'tooling', 'scripts', 'generate-secrets.js')], {
      encoding: 'utf8',
    });
    const env = parseDotenv(generated);
    const auth = loadAuthConfig(environmentOf('auth-service', env, haServices));
    expect(auth.redis).toMatchObject({
      mode: 'sentinel',
      name: 'mymaster',
      sentinels: [1, 2, 3].map((n) => ({ host: `sentinel-${n}`, port: 26379 })),
      password: env.REDIS_PASSWORD,
      sentinelPassword: env.REDIS_PASSWORD,
    });
    expect(auth.redisDurability).toEqual({ replicas: 1, timeoutMs: 500 });
    for (const name of nodeServices) {
      const url = environmentOf(name, env, haServices).TRANSPORT_URL;
      expect(parseTransportUrl(url)).toMatchObject({
        kind: 'nats',
        servers: [{ host: 'nats' }, { host: 'nats-2' }, { host: 'nats-3' }],
        password: env.NATS_PASSWORD,
      });
    }
    expect(loadGatewayConfig(environmentOf('gateway', env, haServices)).env).toBe('production');
    expect(loadAdminConfig(environmentOf('admin-service', env, haServices)).env).toBe('production');
  });
});

describe('the compiled health probe the compose file runs', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
  }, 60_000);

  afterAll(async () => {
    await system?.stop();
  });

  const probe = (service: string): Promise<{ status: number | null; stderr: string }> =>
    new Promise((done) => {
      const env = { ...process.env, TRANSPORT_URL: system.env.TRANSPORT_URL, HEALTHCHECK_TIMEOUT_MS: '1500' };
      execFile(process.execPath, [join(ROOT, HEALTHCHECK), service], { env }, (error, _stdout, stderr) =>
        done({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
      );
    });

  it('exits 0 for each transport-only service while it answers, 1 once it stops, 2 for an unknown service', async () => {
    for (const name of ['auth-service', 'admin-service']) {
      expect({ name, ...(await probe(name)) }).toEqual({ name, status: 0, stderr: '' });
    }
    await system.service('admin-service').stop();
    const stopped = await probe('admin-service');
    expect(stopped.status).toBe(1);
    expect(stopped.stderr).toMatch(/admin\.health/);
    expect((await probe('gateway')).status).toBe(2);
  }, 30_000);
});

describe('the compiled tooling (npm run build: dist/tooling)', () => {
  it('runs under plain node: no compiled file requires the @app/common path alias, which only TypeScript and jest resolve', () => {
    const files = (
      spawnSync('grep', ['-rl', '--include=*.js', 'require("@app/', join(ROOT, 'dist', 'tooling')], { encoding: 'utf8' }).stdout ?? ''
    )
      .split('\n')
      .filter(Boolean);
    expect(files).toEqual([]);
    // One that imports the services' code (the session layout), loaded by node itself.
    const check = spawnSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(join(ROOT, 'dist', 'tooling', 'bench', 'lib', 'seed-sessions.js'))})`],
      {
        encoding: 'utf8',
      },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
