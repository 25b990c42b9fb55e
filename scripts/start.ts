// Runs the three built services on this machine (npm start). If one exits, the others are stopped and
// its exit code is ours, so a missing Redis ends `npm start` with the service's explanation. On a
// terminal (outside production, LOG_FORMAT unset) the services log human-readable lines; once all
// three are ready it prints one line: the URL to open, and whether a bootstrap admin exists.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';

const SERVICES = ['auth-service', 'admin-service', 'gateway'] as const;
// Compiled to dist/tooling/scripts/.
const ROOT = resolve(__dirname, '..', '..', '..');
// V8 heap settings per service, shared with the Dockerfile, the tests and the benchmark (docs/performance.md, "Memory").
const NODE_OPTIONS = JSON.parse(readFileSync(join(ROOT, 'scripts', 'node-options.json'), 'utf8')) as Record<string, string[]>;
const children = new Map<string, ChildProcess>();
let stopping = false;

// The services' stdout is a pipe to this process: whether a person reads it is known only here.
const forPerson = process.stdout.isTTY === true && process.env.NODE_ENV !== 'production';
const serviceEnv: NodeJS.ProcessEnv = {
  ...process.env,
  LOG_FORMAT: process.env.LOG_FORMAT ?? (forPerson ? 'pretty' : 'json'),
  ...(forPerson && !process.env.NO_COLOR && !process.env.FORCE_COLOR ? { FORCE_COLOR: '1' } : {}),
};
const port = process.env.GATEWAY_PORT ?? '3000';
const publicUrl = (process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
// The auth-service's start-up line `bootstrap admin: <state>`, in either log format (up to the JSON of its fields).
const BOOTSTRAP_LINE = /bootstrap admin: ([^"{\n]+)/;
let bootstrapAdmin: string | undefined;

function entry(name: string): string {
  return join(ROOT, 'dist', 'apps', name, 'apps', name, 'src', 'main.js');
}

/**
 * Copies a service's output line by line. Log lines already name the service (JSON's `service`, the
 * pretty line's first word) and pass unchanged, so JSON stays parseable; anything else (a crash's
 * stack trace) is prefixed with the service's name.
 */
function relayLines(name: string, stream: Readable, target: Writable): void {
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const plain = stripVTControlCharacters(line);
      if (name === 'auth-service' && !bootstrapAdmin) bootstrapAdmin = BOOTSTRAP_LINE.exec(plain)?.[1]?.trim();
      target.write(plain.startsWith('{') || plain.startsWith(name) ? `${line}\n` : `[${name}] ${line}\n`);
    }
  });
}

/** Polls the gateway's readiness (it answers 200 once it reaches both services), then prints the ready line. */
async function announceWhenReady(): Promise<void> {
  const ready = `http://127.0.0.1:${port}/health/ready`;
  for (;;) {
    if (stopping) return;
    const status = await fetch(ready, { signal: AbortSignal.timeout(5000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200 && bootstrapAdmin) break;
    await new Promise((resume) => setTimeout(resume, 250));
  }
  process.stdout.write(`Ready: open ${publicUrl} (bootstrap admin: ${bootstrapAdmin})\n`);
}

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  const timer = setTimeout(() => process.exit(code), 10_000);
  timer.unref();
  const check = setInterval(() => {
    if ([...children.values()].every((child) => child.exitCode !== null || child.signalCode !== null)) {
      clearInterval(check);
      process.exit(code);
    }
  }, 100);
}

for (const name of SERVICES) {
  const child = spawn(process.execPath, [...NODE_OPTIONS[name], entry(name)], {
    cwd: ROOT,
    env: serviceEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  relayLines(name, child.stdout, process.stdout);
  relayLines(name, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`[${name}] exited (${signal ?? code}); stopping the others\n`);
      stopAll(code || 1);
    }
  });
  children.set(name, child);
}

void announceWhenReady();
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
