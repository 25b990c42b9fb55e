// Runs the three built services on this machine (npm start). If one exits, the others are stopped and
// its exit code is ours, so a missing Redis ends `npm start` with the service's explanation.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';

const SERVICES = ['auth-service', 'admin-service', 'gateway'] as const;
// Compiled to dist/tooling/scripts/.
const ROOT = resolve(__dirname, '..', '..', '..');
// V8 heap settings per service, shared with the Dockerfile, the tests and the benchmark (docs/performance.md, "Memory").
const NODE_OPTIONS = JSON.parse(readFileSync(join(ROOT, 'scripts', 'node-options.json'), 'utf8')) as Record<string, string[]>;
const children = new Map<string, ChildProcess>();
let stopping = false;

function entry(name: string): string {
  return join(ROOT, 'dist', 'apps', name, 'apps', name, 'src', 'main.js');
}

function prefixLines(name: string, stream: Readable, target: Writable): void {
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) target.write(`[${name}] ${line}\n`);
  });
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
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(name, child.stdout, process.stdout);
  prefixLines(name, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`[${name}] exited (${signal ?? code}); stopping the others\n`);
      stopAll(code || 1);
    }
  });
  children.set(name, child);
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
