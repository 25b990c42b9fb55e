import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ADMIN, PrivateRedis, ROOT, freePort } from '../../../test/support/system';

jest.setTimeout(90_000);

/** `npm start`'s runner (dist/tooling/scripts/start.js) with the test's own port, database and Redis prefix. */
class StartScript {
  readonly stdout: string[] = [];
  private readonly child: ChildProcess;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [join(ROOT, 'dist', 'tooling', 'scripts', 'start.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => this.stdout.push(chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => this.stdout.push(chunk.toString()));
  }

  lines(): string[] {
    return this.stdout
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '');
  }

  /** Waits until a line matches (polling the output), or fails with what was printed. */
  async line(match: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines().find((line) => match.test(line));
      if (found) return found;
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`no line ${match} in:\n${this.lines().join('\n')}`);
      await new Promise((next) => setTimeout(next, 100));
    }
  }

  /** Ctrl-C: the runner stops the services and exits 0. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((done) => this.child.once('exit', (code) => done(code)));
    this.child.kill('SIGINT');
    return exited;
  }
}

describe('npm start', () => {
  let transport: PrivateRedis;
  let dataDir: string;

  beforeAll(async () => {
    transport = await PrivateRedis.start();
    dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  });

  afterAll(async () => {
    await transport?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const environment = async (name: string, extra: Record<string, string> = {}): Promise<Record<string, string>> => ({
    NODE_ENV: 'development',
    GATEWAY_PORT: String(await freePort()),
    GATEWAY_HOST: '127.0.0.1',
    // The test's own redis-server carries the sessions too, so stopping it leaves nothing behind.
    REDIS_URL: transport.url,
    REDIS_PREFIX: `test-start-${name}-${Date.now().toString(36)}:`,
    TRANSPORT_URL: transport.url,
    DATABASE_URL: `sqlite:${join(dataDir, `${name}.sqlite`)}`,
    BCRYPT_COST: '4',
    ...extra,
  });

  it('logs one human-readable line per event, service first, and says when no admin exists', async () => {
    const env = await environment('pretty', { LOG_FORMAT: 'pretty' });
    const start = new StartScript(env);
    try {
      const ready = await start.line(/^Ready: /);
      expect(ready).toBe(
        `Ready: open http://localhost:${env.GATEWAY_PORT} (bootstrap admin: none, and no admin account exists (set BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD))`,
      );
      const logs = start.lines().filter((line) => !line.startsWith('Ready: '));
      expect(logs.length).toBeGreaterThan(3);
      for (const line of logs) {
        expect(stripVTControlCharacters(line)).toMatch(
          /^(auth-service|admin-service|gateway) \d\d:\d\d:\d\d\.\d{3} (INFO |WARN |ERROR|DEBUG|FATAL|TRACE) /,
        );
      }
      expect(logs.some((line) => line.startsWith('gateway '))).toBe(true);
      expect(logs.some((line) => line.startsWith('auth-service '))).toBe(true);
    } finally {
      expect(await start.stop()).toBe(0);
    }
  });

  it('keeps JSON when its output is not a terminal, and names the bootstrap admin it created, then found', async () => {
    const env = await environment('json', { BOOTSTRAP_ADMIN_USERNAME: ADMIN.username, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password });
    for (const state of ['created', 'exists']) {
      const start = new StartScript(env);
      try {
        expect(await start.line(/^Ready: /)).toBe(
          `Ready: open http://localhost:${env.GATEWAY_PORT} (bootstrap admin: ${ADMIN.username} ${state})`,
        );
        const logs = start.lines().filter((line) => !line.startsWith('Ready: '));
        expect(logs.length).toBeGreaterThan(3);
        for (const line of logs) {
          expect(JSON.parse(line)).toMatchObject({ service: expect.stringMatching(/^(auth-service|admin-service|gateway)$/) });
        }
      } finally {
        expect(await start.stop()).toBe(0);
      }
    }
  });
});
