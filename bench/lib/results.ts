// The shape of a run's results (written to bench/results/bench-<time>.json and printed as a report).
import { LoadResult } from './load';
import { ProfileSummary } from '../profile-summary';

export interface Machine {
  nproc: number;
  cpu: string | undefined;
  memory: string;
  node: string;
  loadAverage: number[];
}

export interface BcryptLimit {
  cost: number;
  count: number;
  secondsPerHash: number;
  cores: number;
  hashesPerSecond: number;
}

/** A login load: the successful logins per second, and how long the auth-service took to catch up afterwards. */
export interface LoginLoad extends LoadResult {
  successfulPerSecond?: number;
  backlogDrainSeconds?: number;
}

export interface RevocationVariant {
  name: string;
  samples: number;
  refusedFirst: number;
  notRefused: number;
  p50: number;
  p99: number;
  afterRevokeP99: number;
}

export interface RevocationResult {
  samples: number;
  refusedEveryTime: boolean;
  notRefused: number;
  p50: number;
  p99: number;
  max: number;
  afterRevokeP50: number;
  afterRevokeP99: number;
  variants: RevocationVariant[];
}

export type ScalePhase = LoadResult & { sessions: number; cookies: number };

export interface ScaleResult {
  small: ScalePhase;
  large: ScalePhase;
  largeSameCookies: ScalePhase;
  ratio: number;
  seedSeconds: number;
}

export interface Scenarios {
  'me-cookie'?: LoadResult;
  'me-bearer'?: LoadResult;
  'admin-users'?: LoadResult;
  logins?: LoginLoad;
  'logins-4-connections'?: LoginLoad;
  'me-under-logins'?: LoadResult & {
    loginsAlongside: { successfulPerSecond: number; errors: number; backlogDrainSeconds?: number };
  };
  revocation?: RevocationResult;
  scale?: ScaleResult;
}

export interface Memory {
  soak?: { requests: number; errors: number };
  rssAfterLoad?: Record<string, number | null>;
  requestsServed?: number;
  redis?: {
    usedMemoryBefore: number;
    bytesPerSessionAt1000: number;
    bytesPerSessionAtScale: number;
    sessions: number;
    note: string;
  };
}

export interface TargetRow {
  scenario: string;
  target: string;
  measured: string;
  limit: string;
  met: boolean;
}

export interface BenchResults {
  startedAt: string;
  settings: { duration: number; connections: number; transport: string; bcryptCost: number };
  machine: Machine;
  ceiling: LoadResult;
  bcrypt: BcryptLimit;
  scenarios: Scenarios;
  memory: Memory;
  profiles?: { dir: string; summaries: Record<string, ProfileSummary> };
  loadAverageAtEnd?: number[];
  targets?: TargetRow[];
}
