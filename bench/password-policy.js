#!/usr/bin/env node
// The password policy's cost, from the compiled auth-service (run `npm run build` first):
//
//   node --expose-gc bench/password-policy.js            time per call: median, p99, max over mixed passwords
//   node --expose-gc bench/password-policy.js --memory   RSS and heap before and after the dictionaries load
//
// The mix: common passwords with case, l33t and appended digits changed; random 8-16 character ones;
// passphrases of 3-6 diceware words; runs; non-ASCII; 72-byte ones. The machine is shared with other
// agents: the figures move between runs, and the maxima most.
'use strict';
const { join } = require('node:path');

const DIST = join(__dirname, '..', 'dist', 'apps', 'auth-service', 'apps', 'auth-service', 'src', 'passwords');
const CALLS = Number(process.env.BENCH_CALLS ?? 5000);

function gcNow() {
  if (global.gc) {
    global.gc();
    global.gc();
  }
}

function memory(label) {
  gcNow();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
  console.log(`${label.padEnd(34)} rss ${mib(rss)} MiB, heapUsed ${mib(heapUsed)} MiB, external ${mib(external + arrayBuffers)} MiB`);
  return { rss, heapUsed };
}

function seededRandom(seed) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function mixedPasswords(count) {
  const { dictionary } = require('@zxcvbn-ts/language-common');
  const common = dictionary['passwords-common'];
  const diceware = dictionary['diceware-common'];
  const random = seededRandom(7);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const l33t = { a: ['4', '@'], e: ['3'], i: ['1', '!'], o: ['0'], s: ['$', '5'], t: ['7'] };
  const printable = [...Array(94)].map((_, index) => String.fromCharCode(33 + index));
  const kinds = [
    () => {
      const word = [...pick(common.slice(0, 5000))].map((c) => (random() < 0.3 ? c.toUpperCase() : c));
      const swapped = word.map((c) => (l33t[c.toLowerCase()] && random() < 0.3 ? pick(l33t[c.toLowerCase()]) : c)).join('');
      return swapped + Array.from({ length: Math.floor(random() * 5) }, () => pick([...'0123456789!@#$%'])).join('');
    },
    () => Array.from({ length: 8 + Math.floor(random() * 9) }, () => pick(printable)).join(''),
    () => Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(diceware)).join(pick([' ', '-', '.'])),
    () => pick(['a', 'x', '1', '9', 'ab', '🔑']).repeat(8 + Math.floor(random() * 20)),
    () => pick(['Grüße aus Köln', 'пароль-Зима-Лето', '密码很安全吗', 'Zażółć gęślą jaźń']) + Math.floor(random() * 1000),
    () => {
      let password = '';
      while (Buffer.byteLength(password) < 60) password += pick(diceware) + pick(printable);
      return password.slice(0, 60) + Array.from({ length: 12 }, () => pick(printable)).join('');
    },
  ];
  return Array.from({ length: count }, (_, index) => kinds[index % kinds.length]());
}

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

// Wall time per call (percentiles), and CPU time per call over the batch: on a shared machine the wall
// time also counts the moments another process had the core, the CPU time does not.
function timePerCall(passwordWeakness, passwords) {
  const cpuBefore = process.cpuUsage();
  const times = passwords.map((password) => {
    const started = process.hrtime.bigint();
    passwordWeakness(password, 'alice');
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
    'mean CPU': (cpu.user + cpu.system) / 1000 / passwords.length,
  };
}

function format(stats) {
  return Object.entries(stats)
    .map(([name, ms]) => `${name} ${ms.toFixed(3)} ms`)
    .join(', ');
}

function runTiming() {
  const { passwordWeakness } = require(join(DIST, 'password-policy.js'));
  const loadStarted = process.hrtime.bigint();
  passwordWeakness('first call loads the list');
  console.log(`first call (loads the list): ${(Number(process.hrtime.bigint() - loadStarted) / 1e6).toFixed(1)} ms`);
  const passwords = mixedPasswords(CALLS);
  timePerCall(passwordWeakness, mixedPasswords(1000)); // warm-up for the JIT, not measured
  console.log(`${CALLS} mixed passwords: ${format(timePerCall(passwordWeakness, passwords))}`);
  // The slowest inputs found: strings of characters the l33t table maps (each "1" may be i or l), which
  // zxcvbn's own l33t matcher took 10-40 ms over at 20 characters.
  const adversarial = [];
  for (const unit of ['1', '1!', '4@1!0$', '|_|', 'a1!', '(){}[]<>']) {
    for (let length = 8; length <= 72; length += 4) adversarial.push(unit.repeat(72).slice(0, length));
  }
  const repeated = Array.from({ length: 20 }, () => adversarial).flat();
  console.log(`${repeated.length} adversarial l33t-heavy strings (8-72 chars): ${format(timePerCall(passwordWeakness, repeated))}`);
}

function runMemory() {
  memory('node, nothing loaded');
  require(join(DIST, '..', '..', '..', '..', 'libs', 'common', 'src', 'index.js'));
  const before = memory('@app/common loaded (NestJS & co)');
  const { passwordWeakness } = require(join(DIST, 'password-policy.js'));
  memory('policy module required');
  passwordWeakness('first call loads the list');
  const after = memory('after the first check');
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
  console.log(`cost of the policy and its lists: rss +${mib(after.rss - before.rss)} MiB, heapUsed +${mib(after.heapUsed - before.heapUsed)} MiB`);
}

if (process.argv.includes('--memory')) runMemory();
else runTiming();
