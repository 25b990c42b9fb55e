#!/usr/bin/env node
// Runs the three built services on this machine (npm start). If one exits, the others are stopped and
// its exit code is ours, so a missing Redis ends `npm start` with the service's explanation.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// V8 heap settings per service, shared with the Dockerfile, the tests and the benchmark (docs/performance.md, "Memory").
const nodeOptions = require('./node-options.json');
const services = ['auth-service', 'admin-service', 'gateway'];
const children = new Map();
let stopping = false;

function entry(name) {
  return path.join(root, 'dist', 'apps', name, 'apps', name, 'src', 'main.js');
}

function prefixLines(name, stream, target) {
  let buffered = '';
  stream.on('data', (chunk) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) target.write(`[${name}] ${line}\n`);
  });
}

function stopAll(code) {
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

for (const name of services) {
  const child = spawn(process.execPath, [...nodeOptions[name], entry(name)], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
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
