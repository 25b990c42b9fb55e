import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Redis, { Cluster } from 'ioredis';
import { Client as PgClient } from 'pg';
import { freePorts } from './engine-process';

export type Database = 'sqlite' | 'postgres';
export type ServiceName = 'auth-service' | 'admin-service' | 'gateway';

/** The repository root: the nearest folder up with a package.json (this file also runs compiled, from dist/tooling/test/support). */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const ROOT = repositoryRoot(__dirname);

/** The V8 heap settings each service ships with, so the tests run the services as they are deployed. */
const NODE_OPTIONS = JSON.parse(readFileSync(join(ROOT, 'scripts', 'node-options.json'), 'utf8')) as Record<ServiceName, string[]>;
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ADMIN = { username: 'root-admin', password: 'Bootstrap-Admin-Pass-1' };

export interface SystemOptions {
  database?: Database;
  /** Keep sessions in the private Redis too (for tests that stop and restart it). Default: the shared one, with a prefix. */
  sessionsOnPrivateRedis?: boolean;
  /** Keep sessions in a second private Redis of their own (persistent), separate from the transport's. */
  ownSessionsRedis?: boolean;
  /** Rewrites the database URL the services get (e.g. to go through a TcpProxy the test can cut). */
  rewriteDatabaseUrl?: (url: string) => string;
  /**
   * The sessions' Redis named by other variables than REDIS_URL (REDIS_SENTINELS, REDIS_CLUSTER_NODES…):
   * engines of the test's own; `client` connects to them for assertions, `dispose` (if any) runs at stop.
   */
  sessionsStore?: { env: Record<string, string>; client: () => Redis | Cluster; dispose?: () => Promise<void> };
  /** A transport URL to use instead of the private Redis (e.g. nats://127.0.0.1:4222). */
  transportUrl?: string;
  /** `nats`: the transport on a nats-server of the system's own instead of its private Redis. */
  transport?: 'redis' | 'nats';
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /** Extra environment per service. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Extra node flags per service, after its heap settings (e.g. the benchmark's --cpu-prof). */
  nodeFlags?: Partial<Record<ServiceName, string[]>>;
}

/** A free TCP port on loopback, outside the ephemeral range (see freePorts). */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port;
}

/** Polls a URL until it answers with `status`, or fails after `timeoutMs` (no fixed sleeps). */
export async function waitFor(url: string, status = 200, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === status) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((next) => setTimeout(next, 100));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}

/** One service process, with its output kept for failure reports. */
export class ServiceProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;

  constructor(
    readonly name: ServiceName,
    private readonly env: Record<string, string>,
    private readonly nodeFlags: string[] = [],
  ) {}

  start(): void {
    const entry = join(ROOT, 'dist', 'apps', this.name, 'apps', this.name, 'src', 'main.js');
    this.child = spawn(process.execPath, [...NODE_OPTIONS[this.name], ...this.nodeFlags, entry], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => {
      this.output.push(chunk.toString());
      if (this.output.length > 400) this.output.shift();
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resident set size in bytes (VmRSS from /proc), or null once the process is gone. */
  rss(): number | null {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child?.pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : null;
    } catch {
      return null;
    }
  }

  /** Sends a signal and waits for the exit; answers the exit code (null when killed by a signal). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<number | null> {
    const child = this.child;
    if (!child || !this.running) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
}

/**
 * A redis-server of the test's own on a free port. It carries the message transport, whose pub/sub
 * channels are global to a server: two stacks sharing one would answer each other's requests.
 */
export class PrivateRedis {
  private child?: ChildProcess;

  /** `dataDir`: an append-only file there (fsync always) keeps the data across a kill and restart. */
  private constructor(
    readonly port: number,
    private readonly dataDir?: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  static async start(port?: number, options: { persistent?: boolean } = {}): Promise<PrivateRedis> {
    const dataDir = options.persistent ? mkdtempSync(join(tmpdir(), 'auth-redis-')) : undefined;
    const redis = new PrivateRedis(port ?? (await freePort()), dataDir);
    await redis.restart();
    return redis;
  }

  async restart(): Promise<void> {
    const persistence = this.dataDir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dataDir] : ['--appendonly', 'no'];
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...persistence], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.ping();
        return;
      } catch {
        await new Promise((next) => setTimeout(next, 50));
      } finally {
        client.disconnect();
      }
    }
    throw new Error(`redis-server on ${this.port} did not start`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }

  /** Stops it for good and removes its data. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * The three services started as real processes from dist/, against the real Redis (a key prefix of
 * their own) and a fresh database (an SQLite file in a temp folder, or a PostgreSQL schema of their own).
 */
export class TestSystem {
  readonly services = new Map<ServiceName, ServiceProcess>();
  /** Further replicas (e.g. a second gateway) started by a test; stopped with the rest. */
  readonly replicas: ServiceProcess[] = [];
  private tempDir?: string;
  private pgSchema?: string;
  /** The test's own redis-server (the transport, and the sessions when asked). */
  privateRedis?: PrivateRedis;
  /** The sessions' own redis-server, with `ownSessionsRedis`. */
  sessionsRedis?: PrivateRedis;
  /** The transport's nats-server, with `transport: 'nats'`. */
  privateNats?: PrivateNats;
  /** Where the sessions live. */
  redisUrl = REDIS_URL;

  private constructor(
    readonly baseUrl: string,
    readonly prefix: string,
    readonly database: Database,
    readonly env: Record<string, string>,
    private readonly serviceEnv: SystemOptions['serviceEnv'],
    private readonly nodeFlags: NonNullable<SystemOptions['nodeFlags']> = {},
    private readonly sessionsStore: SystemOptions['sessionsStore'] = undefined,
  ) {}

  static async start(options: SystemOptions = {}): Promise<TestSystem> {
    const database = options.database ?? 'sqlite';
    const id = randomBytes(4).toString('hex');
    const port = await freePort();
    const privateRedis = await PrivateRedis.start();
    const sessionsRedis = options.ownSessionsRedis ? await PrivateRedis.start(undefined, { persistent: true }) : undefined;
    const sessionsUrl = sessionsRedis?.url ?? (options.sessionsOnPrivateRedis ? privateRedis.url : REDIS_URL);
    const privateNats = options.transport === 'nats' ? await PrivateNats.start() : undefined;
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      ...(options.sessionsStore?.env ?? { REDIS_URL: sessionsUrl }),
      TRANSPORT_URL: options.transportUrl ?? privateNats?.url ?? privateRedis.url,
      REDIS_PREFIX: `test-${id}:`,
      BCRYPT_COST: '4',
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      ...options.env,
    };
    const system = new TestSystem(
      `http://127.0.0.1:${port}`,
      env.REDIS_PREFIX,
      database,
      env,
      options.serviceEnv,
      options.nodeFlags,
      options.sessionsStore,
    );
    system.privateRedis = privateRedis;
    system.sessionsRedis = sessionsRedis;
    system.privateNats = privateNats;
    system.redisUrl = sessionsUrl;
    if (database === 'postgres') {
      system.pgSchema = `t_${id}`;
      await TestSystem.pg((client) => client.query(`create schema ${system.pgSchema}`));
      env.DATABASE_URL = `${POSTGRES_URL}?schema=${system.pgSchema}`;
    } else {
      system.tempDir = mkdtempSync(join(tmpdir(), 'auth-e2e-'));
      env.DATABASE_URL = `sqlite:${join(system.tempDir, 'auth.sqlite')}`;
    }
    if (options.rewriteDatabaseUrl) env.DATABASE_URL = options.rewriteDatabaseUrl(env.DATABASE_URL);
    for (const name of ['auth-service', 'admin-service', 'gateway'] as const) system.startService(name);
    try {
      await waitFor(`${system.baseUrl}/health/ready`);
    } catch (error) {
      const logs = system.logs();
      await system.stop();
      throw new Error(`${(error as Error).message}\n${logs}`);
    }
    return system;
  }

  /** Starts one more replica of a service (stopped with the system). */
  startReplica(name: ServiceName, extraEnv: Record<string, string> = {}): ServiceProcess {
    const replica = new ServiceProcess(name, { ...this.env, ...this.serviceEnv?.[name], ...extraEnv }, this.nodeFlags[name]);
    replica.start();
    this.replicas.push(replica);
    return replica;
  }

  /** Starts (or restarts) one service with the system's environment. */
  startService(name: ServiceName, extraEnv: Record<string, string> = {}): ServiceProcess {
    const service = new ServiceProcess(name, { ...this.env, ...this.serviceEnv?.[name], ...extraEnv }, this.nodeFlags[name]);
    service.start();
    this.services.set(name, service);
    return service;
  }

  /** Another gateway process on a port of its own, sharing everything else; answers its base URL once ready. */
  async startExtraGateway(extraEnv: Record<string, string> = {}): Promise<{ baseUrl: string; service: ServiceProcess }> {
    const port = await freePort();
    const service = new ServiceProcess(
      'gateway',
      { ...this.env, ...this.serviceEnv?.gateway, ...extraEnv, GATEWAY_PORT: String(port) },
      this.nodeFlags.gateway,
    );
    service.start();
    this.replicas.push(service);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitFor(`${baseUrl}/health/ready`);
    return { baseUrl, service };
  }

  service(name: ServiceName): ServiceProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service;
  }

  logs(): string {
    return [...this.services.values(), ...this.replicas].map((s) => `--- ${s.name}\n${s.output.join('')}`).join('\n');
  }

  /** A Redis connection for assertions on what the system stored. */
  redis(): Redis | Cluster {
    return this.sessionsStore?.client() ?? new Redis(this.redisUrl);
  }

  /** Every key and value under this system's prefix, for assertions. */
  async dumpRedis(): Promise<Array<{ key: string; value: string }>> {
    const redis = this.redis();
    try {
      const keys = await scanKeys(redis, `${this.prefix}*`);
      const entries: Array<{ key: string; value: string }> = [];
      for (const key of keys) {
        const type = await redis.type(key);
        let value = '';
        if (type === 'string') value = (await redis.get(key)) ?? '';
        else if (type === 'hash') value = JSON.stringify(await redis.hgetall(key));
        else if (type === 'set') value = JSON.stringify(await redis.smembers(key));
        else if (type === 'zset') value = JSON.stringify(await redis.zrange(key, '0', '-1'));
        entries.push({ key, value });
      }
      return entries;
    } finally {
      redis.disconnect();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services.values(), ...this.replicas].map((service) => service.stop()));
    if (!this.sessionsStore && this.redisUrl === REDIS_URL) {
      const redis = this.redis();
      try {
        const keys = await scanKeys(redis, `${this.prefix}*`);
        if (keys.length) await redis.del(...keys);
      } finally {
        redis.disconnect();
      }
    }
    await this.privateRedis?.stop();
    await this.privateNats?.stop();
    await this.sessionsRedis?.dispose();
    if (this.pgSchema) await TestSystem.pg((client) => client.query(`drop schema if exists ${this.pgSchema} cascade`));
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    await this.sessionsStore?.dispose?.();
  }

  private static async pg<T>(work: (client: PgClient) => Promise<T>): Promise<T> {
    const client = new PgClient({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

async function scanKeys(redis: Redis | Cluster, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  // A Cluster's keys are spread over its masters: each is scanned (known once the client is ready).
  if (redis instanceof Cluster && redis.status !== 'ready') await new Promise((ready) => redis.once('ready', ready));
  for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
  }
  return keys;
}

export const DATABASES: Database[] = ['sqlite', 'postgres'];

/** A nats-server of the test's own on a free port (subjects are global to a server, like Redis channels). */
export class PrivateNats {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(): Promise<PrivateNats> {
    const port = await freePort();
    const child = spawn(process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(port)], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const open = await new Promise<boolean>((done) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.end();
          done(true);
        });
        socket.on('error', () => done(false));
      });
      if (open) return new PrivateNats(port, child);
      await new Promise((next) => setTimeout(next, 50));
    }
    child.kill('SIGKILL');
    throw new Error('nats-server did not start');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Reads one labelled sample from Prometheus text, or 0. */
export function metricValue(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) return Number(line.split(' ').pop());
  }
  return 0;
}
