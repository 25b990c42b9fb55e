// autocannon, programmatically, with a progress line on stderr and the numbers the report needs.
import autocannon from 'autocannon';

export type LoadOptions = Omit<autocannon.Options, 'url'> & { url: string; duration: number };

/** One load's figures: requests/s, latency percentiles (ms) and errors (non-2xx, socket errors, timeouts). */
export interface LoadResult {
  requestsPerSecond: number;
  completed: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
}

/** Runs one load; answers its figures. */
export function load(title: string, options: LoadOptions, onProgress?: (elapsedSeconds: number) => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let done = 0;
    const started = Date.now();
    const timer = setInterval(() => {
      const elapsed = (Date.now() - started) / 1000;
      const line = `  ${title}: ${elapsed.toFixed(0)}/${options.duration} s, ${done} responses, ${(done / elapsed).toFixed(0)} req/s`;
      process.stderr.write(`\r${line.padEnd(100)}`);
      if (onProgress) onProgress(elapsed);
    }, 1000);
    const instance = autocannon({ connections: 50, timeout: 10, ...options, title }, (error, result) => {
      clearInterval(timer);
      if (error) return reject(error);
      process.stderr.write(`\r${' '.repeat(100)}\r`);
      resolve(summarise(result));
    });
    instance.on('response', () => done++);
  });
}

function summarise(result: autocannon.Result): LoadResult {
  // autocannon 9 counts every sampled latency in `totalCount` (@types/autocannon describes version 7, without it).
  const completed = (result.latency as autocannon.Histogram & { totalCount: number }).totalCount;
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
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0])),
    durationSeconds: result.duration,
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Nearest-rank percentile (NaN for no values): the value at rank ceil(p/100 × n) of the sorted list. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
