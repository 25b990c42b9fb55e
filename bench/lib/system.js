'use strict';
// The three services started from dist/ the way test/support/system.ts starts them: a private
// redis-server (or nats-server) on a free port for the transport, sessions on the shared Redis under a
// key prefix of their own (or on the private redis-server), SQLite in a temp folder.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const Redis = require('ioredis');

const ROOT = resolve(__dirname, '..', '..');
const SHARED_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SERVICES = ['auth-service', 'admin-service', 'gateway'];
// Each service runs with the V8 heap settings it ships with (scripts/node-options.json).
const NODE_OPTIONS = require('../../scripts/node-options.json');
const ADMIN = { username: 'bench-admin', password: 'Bench-Admin-Pass-1' };

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

const sleep = (ms) => new Promise((next) => setTimeout(next, ms));

/** Polls a URL until it answers `status` (no fixed sleeps). */
async function waitFor(url, status = 200, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === status) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error.message;
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}

/** A server process of the benchmark's own (redis-server, nats-server, a service), stopped at the end. */
class Child {
  constructor(name, command, args, options = {}) {
    this.name = name;
    this.output = [];
    this.process = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const keep = (chunk) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
    };
    this.process.stdout.on('data', keep);
    this.process.stderr.on('data', keep);
  }

  get running() {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Resident set size in bytes (VmRSS from /proc), or null once the process is gone. */
  rss() {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.process.pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : null;
    } catch {
      return null;
    }
  }

  async stop(signal = 'SIGTERM', timeoutMs = 10_000) {
    if (!this.running) return;
    const exited = new Promise((done) => this.process.once('exit', done));
    this.process.kill(signal);
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

async function startRedisServer() {
  const port = await freePort();
  const child = new Child('redis-server', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return { child, url };
    } catch {
      await sleep(50);
    } finally {
      client.disconnect();
    }
  }
  throw new Error(`redis-server on ${port} did not start`);
}

async function startNatsServer() {
  const port = await freePort();
  const child = new Child('nats-server', 'nats-server', ['-a', '127.0.0.1', '-p', String(port)]);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const open = await new Promise((done) => {
      const socket = require('node:net').connect(port, '127.0.0.1', () => (socket.end(), done(true)));
      socket.on('error', () => done(false));
    });
    if (open) return { child, url: `nats://127.0.0.1:${port}` };
    await sleep(50);
  }
  throw new Error(`nats-server on ${port} did not start`);
}

async function scanDelete(redis, pattern) {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

/**
 * Starts the system. Options: transport ('redis' | 'nats'), sessionsOnPrivateRedis, env (for every
 * service), serviceEnv ({name: env}), cpuProfileDir (node --cpu-prof for each service).
 */
async function startSystem(options = {}) {
  const id = randomBytes(4).toString('hex');
  const children = [];
  const system = {
    children,
    services: new Map(),
    prefix: `bench-${id}:`,
    async stop() {
      for (const service of system.services.values()) await service.stop();
      if (system.redisUrl === SHARED_REDIS_URL) {
        const redis = new Redis(SHARED_REDIS_URL);
        try {
          await scanDelete(redis, `${system.prefix}*`);
        } finally {
          redis.disconnect();
        }
      }
      for (const child of children) await child.stop('SIGKILL');
      if (system.tempDir) rmSync(system.tempDir, { recursive: true, force: true });
    },
    rss() {
      return Object.fromEntries([...system.services].map(([name, service]) => [name, service.rss()]));
    },
    logs() {
      return [...system.services.values()].map((s) => `--- ${s.name}\n${s.output.join('')}`).join('\n');
    },
  };
  try {
    const redis = await startRedisServer();
    children.push(redis.child);
    system.privateRedisUrl = redis.url;
    let transportUrl = redis.url;
    if (options.transport === 'nats') {
      const nats = await startNatsServer();
      children.push(nats.child);
      transportUrl = nats.url;
    }
    system.redisUrl = options.sessionsOnPrivateRedis ? redis.url : SHARED_REDIS_URL;
    system.tempDir = mkdtempSync(join(tmpdir(), 'auth-bench-'));
    const port = await freePort();
    system.baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      REDIS_URL: system.redisUrl,
      TRANSPORT_URL: transportUrl,
      REDIS_PREFIX: system.prefix,
      DATABASE_URL: `sqlite:${join(system.tempDir, 'auth.sqlite')}`,
      BCRYPT_COST: process.env.BCRYPT_COST ?? '12',
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      ...options.env,
    };
    system.bcryptCost = Number(env.BCRYPT_COST);
    for (const name of SERVICES) {
      const entry = join(ROOT, 'dist', 'apps', name, 'apps', name, 'src', 'main.js');
      const flags = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
      const service = new Child(name, process.execPath, [...NODE_OPTIONS[name], ...flags, entry], { cwd: ROOT, env: { ...env, ...options.serviceEnv?.[name] } });
      system.services.set(name, service);
    }
    await waitFor(`${system.baseUrl}/health/ready`);
    return system;
  } catch (error) {
    const logs = system.logs();
    await system.stop();
    throw new Error(`${error.message}\n${logs}`);
  }
}

module.exports = { ADMIN, SHARED_REDIS_URL, startSystem, startRedisServer, waitFor, freePort, sleep, Child };
