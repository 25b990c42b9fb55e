import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AddressInfo, Server, createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';

/**
 * Where test servers listen: below the kernel's ephemeral range (net.ipv4.ip_local_port_range,
 * 32768–60999 on this machine). A port the kernel handed out with listen(0) was free only until a
 * service's outgoing connection (to Redis, PostgreSQL) took it as its local port, before the server
 * meant for it listened: EADDRINUSE, seen once in CI. Outgoing connections never take these.
 */
const TEST_PORTS = { from: 20_000, to: 32_000 };

/** `count` distinct free loopback ports (all held open until every one is found, so none repeats). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let attempt = 0; servers.length < count; attempt++) {
      if (attempt >= count * 50) throw new Error(`no ${count} free ports found in ${TEST_PORTS.from}–${TEST_PORTS.to}`);
      const port = TEST_PORTS.from + Math.floor(Math.random() * (TEST_PORTS.to - TEST_PORTS.from));
      const server = createServer();
      const listening = await new Promise<boolean>((done) =>
        server.once('error', () => done(false)).listen(port, '127.0.0.1', () => done(true)),
      );
      if (listening) servers.push(server);
    }
    return servers.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((closed) => server.close(closed))));
  }
}

/**
 * One server process of a test's own engine (redis-server, a sentinel, nats-server), writing its output
 * to a file in the engine's temp dir; it can be killed and started again with the same arguments.
 */
export class EngineProcess {
  private child?: ChildProcess;

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly logFile: string,
  ) {}

  /** Starts the process with its arguments (and `extraArgs` for this run only). */
  start(extraArgs: string[] = []): void {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.child = spawn(this.command, [...this.args, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sends a signal and waits for the exit (SIGKILL: the crash, no shutdown of its own). */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) the process: it keeps its sockets but answers nothing. */
  pause(paused: boolean): void {
    this.child?.kill(paused ? 'SIGSTOP' : 'SIGCONT');
  }
}

/** A temp dir for an engine's files, removed by `remove`. */
export function engineDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Polls `probe` until it holds; fails naming `what` after `timeoutMs` (no fixed sleeps). */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000, everyMs = 100): Promise<number> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeoutMs) {
    try {
      if (await probe()) return Date.now() - started;
    } catch (error) {
      last = ` (last: ${(error as Error).message})`;
    }
    await new Promise((next) => setTimeout(next, everyMs));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last}`);
}

/** Runs one command on one Redis server (a short-lived connection that never retries). */
export async function redisCommand(
  port: number,
  password: string | undefined,
  command: string,
  ...args: Array<string | number>
): Promise<unknown> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    password,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.call(command, ...args);
  } finally {
    client.disconnect();
  }
}

/** `INFO <section>` of one server as name → value. */
export async function redisInfo(port: number, password: string | undefined, section: string): Promise<Record<string, string>> {
  const text = String(await redisCommand(port, password, 'INFO', section));
  return Object.fromEntries(
    text
      .split('\r\n')
      .filter((line) => line.includes(':') && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]),
  );
}
