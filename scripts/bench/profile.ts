// Summarises the V8 CPU profiles `BENCH_PROFILE=1 npm run bench` wrote: where the portal's workers
// spent their time, by function (self time) and by package or source folder.
//   node scripts/bench/profile.ts [folder]   (default reports/profile; the newest worker profiles)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

// The first seconds of a worker are start-up (loading modules, migrations): not what a request costs.
const SKIP_US = 3_000_000;

const folder = process.argv[2] ?? 'reports/profile';
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => path.join(folder, f));
const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
let total = 0;

/** node_modules/<package>, src/<folder>, node:<module> or (program)/(idle)/(garbage collector). */
function place(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (modules) return modules[1]!;
  const source = url.match(/\/(src\/[^/]+(?:\/[^/]+)?)\//);
  if (source) return source[1]!;
  if (url.includes('dist/server')) return 'dist/server';
  return url.startsWith('node:') ? url : path.basename(url);
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  // The primary only hands out connections: skip profiles that are almost all idle.
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<number, number>();
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    elapsed += profile.timeDeltas[i]!;
    if (elapsed > SKIP_US) counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  const busy = [...counts].filter(([id]) => nodes.get(id)!.callFrame.functionName !== '(idle)').reduce((s, [, c]) => s + c, 0);
  if (busy < 100) continue;
  for (const [id, count] of counts) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    total += count;
    const where = place(url, functionName);
    const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + count);
    byPlace.set(where, (byPlace.get(where) ?? 0) + count);
  }
  console.log(`${path.basename(file)}: ${(statSync(file).size / 1e6).toFixed(1)} MB, ${busy} busy samples`);
}
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
    .join('\n');
console.log(`\nBy package or folder (self time, ${total} samples):\n${top(byPlace, 25)}\n\nBy function:\n${top(byFunction, 40)}`);
