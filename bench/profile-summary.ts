// Where the time goes: reads a V8 .cpuprofile (node --cpu-prof) and aggregates self time by function
// and file. Usage: node dist/tooling/bench/profile-summary.js <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from '../test/support/system';

/** The parts of a .cpuprofile this reads. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  top: Array<{ name: string; where: string; selfMs: number; selfPercent: number }>;
  byPackage: Array<{ name: string; selfMs: number; selfPercent: number }>;
}

function where(url: string, line: number): string {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const shown = path.startsWith(ROOT) ? relative(ROOT, path) : path;
  return `${shown.replace(/^node_modules\//, '')}:${line + 1}`;
}

/** Self time (µs) per sampled node. */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return selfUs;
}

/** Self time per function+location, and per package (node_modules/<pkg>, dist, node:, native, GC). */
export function summariseProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfTimes(profile)) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    total += us;
    if (functionName === '(idle)') idle += us;
    const name = functionName || '(anonymous)';
    const key = `${name}\u0000${where(url, lineNumber)}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
    const pkg = packageOf(url, name);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const busy = total - idle;
  const share = (us: number): number => Math.round((us / busy) * 1000) / 10;
  return {
    totalMs: Math.round(total / 1000),
    busyMs: Math.round(busy / 1000),
    top: [...functions]
      .filter(([key]) => !key.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => {
        const [name, location] = key.split('\u0000');
        return { name, where: location, selfMs: Math.round(us / 1000), selfPercent: share(us) };
      }),
    byPackage: [...packages]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), selfPercent: share(us) })),
  };
}

function packageOf(url: string, name: string): string {
  if (name === '(idle)' || name === '(garbage collector)' || name === '(program)') return name;
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node: (core)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.includes('/dist/')) return 'dist (our code)';
  return url;
}

function main(): void {
  const [file, top] = process.argv.slice(2);
  const summary = summariseProfile(file, Number(top ?? 20));
  process.stdout.write(`${file}: ${summary.totalMs} ms sampled, ${summary.busyMs} ms busy\n\nself time by function:\n`);
  for (const f of summary.top) {
    process.stdout.write(`${String(f.selfPercent).padStart(6)} %  ${String(f.selfMs).padStart(6)} ms  ${f.name}  ${f.where}\n`);
  }
  process.stdout.write('\nself time by package:\n');
  for (const p of summary.byPackage)
    process.stdout.write(`${String(p.selfPercent).padStart(6)} %  ${String(p.selfMs).padStart(6)} ms  ${p.name}\n`);
}

if (require.main === module) main();
