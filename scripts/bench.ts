// `npm run bench`: the portal against a bare node:http server sending the same bytes, on this
// machine, in one run. Not a test: it prints a table (markdown) for the README. See README "Speed".
//   BENCH_DATABASE_URL  a PostgreSQL it may create and drop a database on (default: local `test`)
//   BENCH_PORT          first of three ports it uses (default 4391)
//   BENCH_SECONDS       seconds per round (default 3); two rounds each, alternating portal and bare
//   BENCH_ONLY          only the cases whose name contains this text, or one of several separated by
//                       commas (e.g. "team" or "regions,team"); no Lighthouse
//   BENCH_PROFILE       write a V8 CPU profile of every portal process to reports/profile/ (open it in
//                       Chrome DevTools, or summarise it with `node scripts/bench/profile.ts`)
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { load, type Result, type Step } from './bench/load.ts';
import { record, startBare, type Recorded } from './bench/bare.ts';
import { signupFlow } from './bench/flow.ts';
import { addRegions, benchSql, fillQueue, signedInCookie } from './bench/data.ts';
import { lighthouseScores } from './bench/lighthouse.ts';

const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env['BENCH_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const port = Number(process.env['BENCH_PORT'] || 4391);
const barePort = port + 1;
const seconds = Number(process.env['BENCH_SECONDS'] || 3);
const origin = `http://127.0.0.1:${port}`;
const only = process.env['BENCH_ONLY'] ?? '';
const wanted = (name: string) => only.split(',').some((o) => name.includes(o));
// Public pages on the national host (127.0.0.1: no region has it) and on a region's own host.
const regionHost = 'oostveld.localhost';
const onRegionHost = { host: regionHost };

if (!existsSync(path.join(root, 'dist/server/entry.mjs'))) throw new Error('build first: npm run build');

const dbName = `hog_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${dbName}"`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const key = randomBytes(32).toString('base64');
let portal: ChildProcess | undefined;

async function startPortal(): Promise<ChildProcess> {
  const profile = process.env['BENCH_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'reports/profile')}`] : [];
  const child = spawn(process.execPath, [...profile, 'src/boot.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: url.href,
      ENCRYPTION_KEY: key,
      DEMO_DATA: 'true',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_ORIGIN: origin,
      NODE_ENV: 'production',
      SMTP_URL: '',
    },
  });
  // Up to two minutes: migrations, the demo seed and the workers start slowly on a busy machine.
  for (let i = 0; i < 480; i++) {
    if (
      await fetch(`${origin}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the portal did not start');
}

type Case = { name: string; clients: number; steps: () => Step[]; cookies?: Map<string, string>; localAddresses?: boolean; per?: 'request' | 'flow' };
type Row = { name: string; clients: number; portal: number; bare: number; ratio: number; p95: number; p99: number; failures: number; note?: string };

/** Records the portal's answers for a case once, so the bare server can send the same bytes. */
async function recordCase(c: Case): Promise<Map<string, Recorded>> {
  const answers = new Map<string, Recorded>();
  const cookies = new Map(c.cookies ?? []);
  for (const s of c.steps()) {
    const headers: Record<string, string> = { ...s.headers };
    if (cookies.size) headers['cookie'] = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (s.body !== undefined) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', origin });
    const answer = await record(port, s.method ?? 'GET', s.path, headers, s.body);
    for (const line of [answer.headers['set-cookie'] ?? []].flat()) {
      const [name, ...value] = String(line).split(';')[0]!.split('=');
      cookies.set(name!, value.join('='));
    }
    answers.set(`${s.method ?? 'GET'} ${s.path}`, answer);
  }
  return answers;
}

async function runCase(c: Case): Promise<Row> {
  const bare = await startBare(barePort, await recordCase(c));
  const options = { localAddresses: !!c.localAddresses, ...(c.cookies ? { initialCookies: () => new Map(c.cookies) } : {}) };
  const script = () => ({ steps: () => c.steps() });
  await load(port, script, c.clients, 1, options); // warm-up
  const portalRounds: Result[] = [];
  const bareRounds: Result[] = [];
  for (let round = 0; round < 2; round++) {
    portalRounds.push(await load(port, script, c.clients, seconds, options));
    bareRounds.push(await load(barePort, script, c.clients, seconds, options));
  }
  await new Promise((r) => bare.close(r));
  const rate = (rs: Result[]) => rs.reduce((sum, r) => sum + (c.per === 'flow' ? r.iterationsPerSecond : r.perSecond), 0) / rs.length;
  const worst = (k: 'p50' | 'p95' | 'p99') => Math.max(...portalRounds.map((r) => r[k]));
  const failures = portalRounds.reduce((s, r) => s + r.failures, 0);
  const row: Row = {
    name: c.name,
    clients: c.clients,
    portal: rate(portalRounds),
    bare: rate(bareRounds),
    ratio: rate(portalRounds) / rate(bareRounds),
    p95: worst('p95'),
    p99: worst('p99'),
    failures,
  };
  const first = portalRounds.find((r) => r.firstFailure)?.firstFailure;
  if (first) row.note = first;
  console.error(
    `  ${c.name}: ${row.portal.toFixed(1)}/s vs ${row.bare.toFixed(1)}/s = ${row.ratio.toFixed(3)}, p50 ${worst('p50').toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms${failures ? `, ${failures} failures (${first})` : ''}`,
  );
  return row;
}

const get = (p: string, headers?: Record<string, string>) => () => [{ path: p, ...(headers ? { headers } : {}) }];
const rows: Row[] = [];
let scores: Awaited<ReturnType<typeof lighthouseScores>> = [];
try {
  portal = await startPortal();
  const pool = new pg.Pool({ connectionString: url.href, max: 2 });
  const db = benchSql(pool);
  const resident = await signedInCookie(db, 'inwoner@oostveld.example', false, origin);
  const draft = (await recordCase({ name: 'draft', clients: 1, steps: () => signupFlow().slice(0, 2) })).get(`POST ${signupFlow()[1]!.path}`);
  // Every cookie the first step's form sets: the draft, and since issue 19 the region the postcode
  // chose (the first of them alone left the draft out, and every view redirected to step 1).
  const draftCookie = new Map(
    [draft?.headers['set-cookie'] ?? []].flat().map((line): [string, string] => {
      const [name, ...value] = String(line).split(';')[0]!.split('=');
      return [name!, value.join('=')];
    }),
  );
  console.error(`benchmarking on ${os.cpus().length} cores, ${seconds} s rounds (portal on PostgreSQL ${dbName})`);
  for (const c of [
    { name: '`/` national host (region chooser)', clients: 50, steps: get('/') },
    { name: `\`/\` on ${regionHost}`, clients: 50, steps: get('/', onRegionHost) },
    { name: '`/en/` national host', clients: 50, steps: get('/en/') },
    { name: `\`/en/\` on ${regionHost}`, clients: 50, steps: get('/en/', onRegionHost) },
    { name: '`/veelgestelde-vragen` national host', clients: 50, steps: get('/veelgestelde-vragen') },
    { name: `\`/veelgestelde-vragen\` on ${regionHost}`, clients: 50, steps: get('/veelgestelde-vragen', onRegionHost) },
    // A query string bypasses the kept public pages: what rendering and compressing each view costs.
    { name: '`/?v=1` rendered, brotli', clients: 50, steps: get('/?v=1') },
    { name: '`/?v=1` rendered, gzip', clients: 50, steps: get('/?v=1', { 'accept-encoding': 'gzip' }) },
    { name: '`/?v=1` rendered, uncompressed', clients: 50, steps: get('/?v=1', { 'accept-encoding': 'identity' }) },
    { name: '`/aanmelden/over-jou` (step 1) national host', clients: 50, steps: get('/aanmelden/over-jou') },
    { name: `\`/aanmelden/over-jou\` (step 1) on ${regionHost}`, clients: 50, steps: get('/aanmelden/over-jou', onRegionHost) },
    { name: '`/aanmelden/plek` (step 4, with draft)', clients: 50, steps: get('/aanmelden/plek'), cookies: draftCookie },
    { name: '`/mijn` (signed in)', clients: 50, steps: get('/mijn'), cookies: resident },
    { name: 'whole sign-up (sign-ups/s)', clients: 20, steps: signupFlow, localAddresses: true, per: 'flow' as const },
  ] satisfies Case[]) {
    if (!wanted(c.name)) continue;
    rows.push(await runCase(c));
    await db`delete from rate_limits`;
  }
  const statements = await db`select count(*)::int as n from registrations`;
  console.error(`  ${statements[0]!['n']} sign-ups before the queue is filled (demo and flow)`);
  const planner = await signedInCookie(db, 'planner@oostveld.example', true, origin);
  // The planner's queue at a size, in Oostveld (the planner's region): first page, a late page,
  // the filters (issue 13: still a range read of the open-queue index, filtered as it goes), a code.
  const teamCases = (size: string) => [
    { name: `\`/team\` at ${size}`, path: async () => '/team' },
    {
      name: `\`/team?na=…\` (a late page), ${size}`,
      path: async () => {
        const [late] = await db`
          select r.id from registrations r join regions rg on rg.id = r.region_id
          where rg.slug = 'oostveld' and r.status in ('received','contacted','planned')
          order by r.created_at desc, r.id desc limit 1 offset 120`;
        return `/team?na=${late!['id']}`;
      },
    },
    { name: `\`/team?status=contacted&partner=1\`, ${size}`, path: async () => '/team?status=contacted&partner=1' },
    {
      name: `\`/team?zoek=…\` (a code), ${size}`,
      path: async () => {
        const [code] = await db`
          select r.reference from registrations r join regions rg on rg.id = r.region_id
          where rg.slug = 'oostveld' and r.reference like 'HOG-%' order by r.created_at limit 1`;
        return `/team?zoek=${code!['reference']}`;
      },
    },
  ];
  const teamRows = async (size: string) => {
    for (const c of teamCases(size)) if (wanted(c.name)) rows.push(await runCase({ name: c.name, clients: 10, steps: get(await c.path()), cookies: planner }));
  };
  const oneRegion = '100,000 sign-ups (Oostveld; 2 regions)';
  if (teamCases(oneRegion).some((c) => wanted(c.name))) {
    console.error('  filling Oostveld to 100,000 sign-ups ...');
    await fillQueue(db, 100_000, 'oostveld');
    await teamRows(oneRegion);
  }
  // Issue 19: a national deployment. 40 regions of 25,000 sign-ups each; the planner's queue is
  // one region's, and a kept public page still finds its region by host name in memory.
  const manyRegions = '1,000,000 sign-ups in 40 regions (25,000 in Oostveld)';
  const regionCases = [
    { name: '`/` national host (region chooser), 40 regions', clients: 50, steps: get('/') },
    { name: `\`/\` on ${regionHost}, 40 regions`, clients: 50, steps: get('/', onRegionHost) },
  ] satisfies Case[];
  if ([...teamCases(manyRegions), ...regionCases].some((c) => wanted(c.name))) {
    const started = performance.now();
    await addRegions(db, 40);
    await fillQueue(db, 25_000);
    const [counted] = await db`select count(*)::int as n, count(distinct region_id)::int as regions from registrations`;
    console.error(`  ${counted!['n']} sign-ups in ${counted!['regions']} regions, filled in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    // Another process's writes reach the portal's region directory within its 10 s and its kept
    // pages within their minute: wait until the last region's host shows that region and the
    // national chooser lists it, so the cases below run with all 40 in memory.
    const shows = async (host: string | undefined) => {
      const page = await record(port, 'GET', '/', { ...(host ? { host } : {}), 'accept-encoding': 'identity' });
      return page.body.toString().includes('Regio 40');
    };
    for (let i = 0; !((await shows('regio-40.localhost')) && (await shows(undefined))); i++) {
      if (i > 150) throw new Error('the portal did not show the 40 regions');
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const c of regionCases) if (wanted(c.name)) rows.push(await runCase(c));
    await teamRows(manyRegions);
  }
  await pool.end();
  if (!only) scores = await lighthouseScores(origin, ['/', '/aanmelden/over-jou']);
} finally {
  portal?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}.\n`,
);
console.log('| what | clients | portal /s | bare /s | ratio | p95 ms | p99 ms | failures |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.clients} | ${r.portal.toFixed(1)} | ${r.bare.toFixed(1)} | **${r.ratio.toFixed(3)}** | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.failures}${r.note ? ` (${r.note})` : ''} |`,
  );
// Issue 19's two comparisons within this run: a region's host with 40 regions against 2, and
// /mijn against the render floor (one Astro render of the home page, no database).
const rowOf = (name: string) => rows.find((r) => r.name === name);
const pairs: [string, Row | undefined, Row | undefined, (a: Row, b: Row) => number][] = [
  [
    `\`/\` on ${regionHost}: ratio to bare, 40 regions / 2`,
    rowOf(`\`/\` on ${regionHost}, 40 regions`),
    rowOf(`\`/\` on ${regionHost}`),
    (a, b) => a.ratio / b.ratio,
  ],
  // Ratio to ratio: each against the bare server in its own rounds, which a busy machine shifts less.
  ['`/mijn` / `/?v=1` brotli (render floor), ratio to bare', rowOf('`/mijn` (signed in)'), rowOf('`/?v=1` rendered, brotli'), (a, b) => a.ratio / b.ratio],
];
for (const [what, a, b, f] of pairs) if (a && b) console.log(`\n${what}: **${f(a, b).toFixed(2)}**`);
if (scores.length) {
  console.log('\n| Lighthouse (mobile) | performance | accessibility | best practices | SEO |');
  console.log('|---|---|---|---|---|');
  for (const s of scores) console.log(`| \`${s.path}\` | ${s.performance} | ${s.accessibility} | ${s.bestPractices} | ${s.seo} |`);
}
