// The benchmark's settings, read once from the environment (the variables are listed in bench/run.ts).
import { join } from 'node:path';
import { ROOT } from '../../test/support/system';

const env = process.env;

export const DURATION = Number(env.BENCH_DURATION ?? 10);
export const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
export const ALL_SCENARIOS = ['me-cookie', 'me-bearer', 'admin-users', 'logins', 'me-under-logins', 'revocation', 'scale'];
export const SCENARIOS = new Set(env.BENCH_SCENARIOS ? env.BENCH_SCENARIOS.split(',') : ALL_SCENARIOS);
export const TRANSPORT = env.BENCH_TRANSPORT === 'nats' ? 'nats' : 'redis';
export const PROFILE = env.BENCH_PROFILE === '1';
export const SCALE_SESSIONS = Number(env.BENCH_SCALE_SESSIONS ?? 1_000_000);
export const REVOKE_SAMPLES = Number(env.BENCH_REVOKE_SAMPLES ?? 60);
export const WARM_UP_SECONDS = Math.min(10, DURATION);
export const MEMORY_REQUESTS = Number(env.BENCH_MEMORY_REQUESTS ?? 100_000);
/** The services' cost: the real one by default, so logins cost what they cost in production. */
export const BCRYPT_COST = Number(env.BCRYPT_COST ?? 12);
/** A running system to load instead of starting one (no RSS, profile or scale then). */
export const EXTERNAL = env.BENCH_URL
  ? { baseUrl: env.BENCH_URL, admin: { username: env.BENCH_ADMIN_USERNAME ?? '', password: env.BENCH_ADMIN_PASSWORD ?? '' } }
  : undefined;

export const USER = { username: 'bench-user', password: 'bench user password 1' };
export const VICTIM = { username: 'bench-victim', password: 'bench victim password 1' };
export const RESULTS_DIR = join(ROOT, 'bench', 'results');
/** Names this run's results file and profiles folder. */
export const STAMP = new Date().toISOString().replace(/[:.]/g, '-');
