// The system as the benchmark runs it: test/support/system.ts's, with the real bcrypt cost and keys
// under a bench- prefix, on the transport BENCH_TRANSPORT names.
import { randomBytes } from 'node:crypto';
import { SystemOptions, TestSystem } from '../../test/support/system';
import { BCRYPT_COST, TRANSPORT } from './settings';

export function startBenchSystem(options: SystemOptions = {}): Promise<TestSystem> {
  return TestSystem.start({
    transport: TRANSPORT,
    ...options,
    env: { BCRYPT_COST: String(BCRYPT_COST), REDIS_PREFIX: `bench-${randomBytes(4).toString('hex')}:`, ...options.env },
  });
}
