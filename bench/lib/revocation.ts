// Revocation: how soon a revoked session is refused, through both caches (the gateway's and the admin-service's).
import { RequestOptions } from '../../test/support/http';
import { BenchClient } from './client';
import { percentile, round } from './load';
import { RevocationResult } from './results';
import { REVOKE_SAMPLES, VICTIM } from './settings';

/** What the revocation scenario needs from the set-up: the victim's id and an admin session to revoke with. */
export interface RevocationSetup {
  victimId: string;
  admin: { cookie: string; csrf: string };
}

interface Sample {
  name: string;
  times: number[];
  afterRevoke: number[];
  refusedFirst: number;
  notRefused: number;
}

const VARIANTS = [
  'own session via gateway (DELETE /auth/sessions/:id)',
  'cookie, revoked via admin-service',
  'bearer, revoked via admin-service',
];

/**
 * For each sample a fresh victim session (the victim has the admin role, so the probe /admin/users
 * passes the gateway AND the admin-service and both caches hold it), warmed, then revoked one of
 * three ways, then probed at once. Revoke-to-refusal = from sending the revoke to receiving the
 * refusal (polling every 1 ms if the first probe was not refused, which counts as a failure).
 */
export async function revocation(client: BenchClient, setup: RevocationSetup): Promise<RevocationResult> {
  const samples: Sample[] = VARIANTS.map((name) => ({ name, times: [], afterRevoke: [], refusedFirst: 0, notRefused: 0 }));
  for (let i = 0; i < REVOKE_SAMPLES; i++) {
    process.stderr.write(`\r  revocation: sample ${i + 1}/${REVOKE_SAMPLES}`.padEnd(100));
    await sampleOnce(client, setup, i % 3, samples[i % 3]);
  }
  process.stderr.write(`\r${' '.repeat(100)}\r`);
  return summarise(samples);
}

async function sampleOnce(client: BenchClient, setup: RevocationSetup, variant: number, sample: Sample): Promise<void> {
  let credential: RequestOptions;
  if (variant === 2) {
    credential = { bearer: await client.bearer(VICTIM.username, VICTIM.password) };
  } else {
    const session = await client.login(VICTIM.username, VICTIM.password);
    credential = { cookie: session.cookie, csrf: session.csrf };
  }
  let sessionId = '';
  for (let w = 0; w < 3; w++) {
    const me = await client.expect(200, 'GET', '/auth/me', credential);
    sessionId = me.body.session.id;
    await client.expect(200, 'GET', '/admin/users?limit=1', credential);
  }
  const started = performance.now();
  if (variant === 0) await client.expect(204, 'DELETE', `/auth/sessions/${sessionId}`, credential);
  else
    await client.expect(204, 'DELETE', `/admin/users/${setup.victimId}/sessions`, { cookie: setup.admin.cookie, csrf: setup.admin.csrf });
  const revoked = performance.now();
  let probe = await client.request('GET', '/admin/users?limit=1', credential);
  if (probe.status === 401) sample.refusedFirst++;
  else {
    sample.notRefused++;
    const deadline = performance.now() + 5000;
    while (probe.status !== 401 && performance.now() < deadline) {
      await new Promise((next) => setTimeout(next, 1));
      probe = await client.request('GET', '/admin/users?limit=1', credential);
    }
  }
  sample.times.push(performance.now() - started);
  sample.afterRevoke.push(performance.now() - revoked);
}

function summarise(samples: Sample[]): RevocationResult {
  const all = samples.flatMap((s) => s.times);
  const afterRevoke = samples.flatMap((s) => s.afterRevoke);
  return {
    samples: all.length,
    refusedEveryTime: samples.every((s) => s.notRefused === 0),
    notRefused: samples.reduce((n, s) => n + s.notRefused, 0),
    p50: round(percentile(all, 50), 2),
    p99: round(percentile(all, 99), 2),
    max: round(Math.max(...all), 2),
    // From the revoke's answer to the refusal: what the caches add, without the revoke's own round trip.
    afterRevokeP50: round(percentile(afterRevoke, 50), 2),
    afterRevokeP99: round(percentile(afterRevoke, 99), 2),
    variants: samples.map((s) => ({
      name: s.name,
      samples: s.times.length,
      refusedFirst: s.refusedFirst,
      notRefused: s.notRefused,
      p50: round(percentile(s.times, 50), 2),
      p99: round(percentile(s.times, 99), 2),
      afterRevokeP99: round(percentile(s.afterRevoke, 99), 2),
    })),
  };
}
