'use strict';
// autocannon, programmatically, with a progress line on stderr and the numbers the report needs.
const autocannon = require('autocannon');

/** Runs one load; answers requests/s, latency percentiles (ms) and errors (non-2xx, socket errors, timeouts). */
function load(title, options, onProgress) {
  return new Promise((resolve, reject) => {
    let done = 0;
    const started = Date.now();
    const instance = autocannon({ connections: 50, timeout: 10, ...options, title }, (error, result) => {
      clearInterval(timer);
      if (error) return reject(error);
      process.stderr.write(`\r${' '.repeat(100)}\r`);
      resolve(summarise(result));
    });
    instance.on('response', () => done++);
    const timer = setInterval(() => {
      const elapsed = (Date.now() - started) / 1000;
      const line = `  ${title}: ${elapsed.toFixed(0)}/${options.duration} s, ${done} responses, ${(done / elapsed).toFixed(0)} req/s`;
      process.stderr.write(`\r${line.padEnd(100)}`);
      if (onProgress) onProgress(elapsed);
    }, 1000);
  });
}

function summarise(result) {
  const completed = result.latency.totalCount;
  return {
    requestsPerSecond: round(completed / result.duration),
    completed,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.non2xx + result.errors + result.timeouts,
    non2xx: result.non2xx,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count])),
    durationSeconds: result.duration,
  };
}

function round(value, digits = 1) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

module.exports = { load, round };
