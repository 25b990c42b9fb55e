// The bcrypt limit: times N hashes at the configured cost, one after another on one thread, and answers
// seconds per hash. The login ceiling of this machine is then cores ÷ seconds per hash.
//   node dist/tooling/bench/lib/bcrypt-limit.js [cost] [count]
import { hashSync } from 'bcrypt';

/** What one run prints (one JSON line). */
export interface BcryptTiming {
  cost: number;
  count: number;
  secondsPerHash: number;
}

function main(): void {
  const cost = Number(process.argv[2] ?? 12);
  const count = Number(process.argv[3] ?? 8);
  hashSync('warm-up', 4);
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) hashSync(`bench-password-${i}`, cost);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const timing: BcryptTiming = { cost, count, secondsPerHash: seconds / count };
  process.stdout.write(JSON.stringify(timing) + '\n');
}

main();
