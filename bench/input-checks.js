#!/usr/bin/env node
// The cost of the input checks every body and message payload will go through, from the compiled
// @app/common (run `npm run build` first):
//
//   node bench/input-checks.js
//
// findMalformedInput on a typical login body of about 1 KiB and on a minimal one, against JSON.parse of
// the same text (what the gateway pays already); canonicalEmail on a few addresses. Wall and CPU time
// per call after a warm-up; the machine is shared with other agents, so the figures move between runs.
'use strict';
const { join } = require('node:path');

const COMMON = join(__dirname, '..', 'dist', 'apps', 'auth-service', 'libs', 'common', 'src', 'input');
const { findMalformedInput } = require(join(COMMON, 'well-formed-input.js'));
const { canonicalEmail } = require(join(COMMON, 'canonical-email.js'));
const CALLS = Number(process.env.BENCH_CALLS ?? 200_000);

function measure(label, call) {
  for (let warm = 0; warm < CALLS / 10; warm += 1) call();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let index = 0; index < CALLS; index += 1) call();
  const wallUs = Number(process.hrtime.bigint() - started) / 1000 / CALLS;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(`${label.padEnd(52)} ${wallUs.toFixed(2)} µs wall, ${((cpu.user + cpu.system) / CALLS).toFixed(2)} µs CPU per call`);
}

const loginText = JSON.stringify({
  username: 'alice.example',
  password: 'correct horse battery staple, with ünïcødé',
  remember: true,
  client: { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36' },
  next: '/dashboard',
  extra: Array.from({ length: 13 }, (_, index) => ({ field: `value-${index}`, note: 'ünïcødé text, quite ordinary' })),
});
const login = JSON.parse(loginText);
const minimal = { username: 'alice', password: 'correct horse battery staple' };
console.log(`login body: ${Buffer.byteLength(loginText)} bytes`);
measure('JSON.parse of the login body (for scale)', () => JSON.parse(loginText));
measure('findMalformedInput(login body)', () => findMalformedInput(login));
measure('findMalformedInput({username, password})', () => findMalformedInput(minimal));
measure('canonicalEmail("Alice@Example.ORG")', () => canonicalEmail('Alice@Example.ORG'));
measure('canonicalEmail("user@bücher.example")', () => canonicalEmail('user@bücher.example'));
