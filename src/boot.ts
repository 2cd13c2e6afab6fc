// Starts the portal: settings, database, migrations and demo data first, then the Astro server.
// Run by Node itself (type stripping), so everything imported here is plain, erasable TypeScript.
//   node src/boot.ts               serve (after `astro build`)
//   node src/boot.ts --prepare     migrate (and seed demo data) only, then exit
//   node src/boot.ts --reset-demo  empty the database and seed the demo region again
// Serving runs as a primary that keeps workers (src/lib/server/cluster.ts), each running this file
// again with cluster.isWorker set. On PostgreSQL the primary migrates once before they start.
import cluster from 'node:cluster';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { config as loadConfig, ConfigError, type Config } from './lib/server/config.ts';
import { openDatabase, provideDatabase, type Database } from './lib/server/db/client.ts';
import { migrate } from './lib/server/db/migrate.ts';
import { secureDataDir } from './lib/server/db/data-dir.ts';
import { loadEncryptionKey } from './lib/server/crypto/key.ts';
import { resetDemo, seedDemo } from './lib/server/demo/seed.ts';
import { describeDemoAccounts } from './lib/server/demo/accounts.ts';
import { startHousekeeping } from './lib/server/housekeeping.ts';
import { startMailWorker } from './lib/server/mail/worker.ts';
import { startReminderJob } from './lib/server/planning/reminder-job.ts';
import { sealLegacyMail } from './lib/server/mail/seal-legacy.ts';
import { securityHeaders } from './lib/server/http/security-headers.ts';
import { reportError } from './lib/server/http/report-error.ts';
import { superviseWorkers, workersFor } from './lib/server/cluster.ts';
import { createResponder } from './lib/server/http/respond.ts';
import { publicAddresses } from './lib/server/http/page-cache.ts';
import { publicPages, routes } from './lib/routes.ts';

function fail(line: string): never {
  console.error(`hog-portaal: ${line.replace(/\s+/g, ' ')}`);
  process.exit(1);
}

/** The root cause in one line: drizzle wraps driver errors in "Failed query: ..." with the SQL. */
function reason(error: unknown): string {
  let current = error as { message?: string; code?: string; cause?: unknown };
  while (current.cause instanceof Error) current = current.cause as typeof current;
  const text = current.message || current.code || String(error);
  return text.replace(/\s+/g, ' ').trim();
}

function databaseHint(config: Config): string {
  return config.database.kind === 'postgres'
    ? 'check DATABASE_URL (host, port, user, database name) and that PostgreSQL is running'
    : `check DATA_DIR (now ${config.dataDir}): the folder must be writable and not in use by another portal process`;
}

async function open(config: Config): Promise<Database> {
  // Everything the portal writes (the embedded database, its WAL, the key) is for its own user only.
  process.umask(0o077);
  try {
    loadEncryptionKey(config);
  } catch (error) {
    fail(`cannot load the encryption key: ${reason(error)}`);
  }
  let database: Database;
  try {
    database = await openDatabase(config.database);
  } catch (error) {
    fail(`cannot open the database (${reason(error)}); ${databaseHint(config)}`);
  }
  if (config.database.kind === 'pglite') {
    // Checked at every start: a folder from an older version, or copied in, is made private first.
    let open: string[];
    try {
      open = secureDataDir(config.dataDir);
    } catch (error) {
      open = [reason(error)];
    }
    if (open.length) fail(`cannot make DATA_DIR private (${open[0]}); check who owns ${config.dataDir}`);
  }
  return database;
}

async function prepare(config: Config): Promise<Database> {
  const database = await open(config);
  try {
    await migrate(database);
    await sealLegacyMail(database.db);
  } catch (error) {
    fail(`cannot reach or migrate the database (${reason(error)}); ${databaseHint(config)}`);
  }
  return database;
}

async function serve(config: Config, database: Database): Promise<void> {
  provideDatabase(database);
  // The adapter must not listen on import: we listen below, after migrations, with our headers.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const dist = path.resolve(import.meta.dirname, '../dist');
  const entry = pathToFileURL(path.join(dist, 'server/entry.mjs')).href;
  let handler: http.RequestListener;
  try {
    ({ handler } = (await import(entry)) as { handler: http.RequestListener });
  } catch {
    fail('the server is not built; run `npm run build` first (or use `npm start`)');
  }
  const headers = Object.entries(securityHeaders(config.publicOrigin));
  // The information pages and the start of the sign-up read the same for every anonymous visitor.
  const sameForAll = [...publicPages, routes.signUp, `${routes.signUp}/over-jou`];
  const respond = createResponder(handler, path.join(dist, 'client'), publicAddresses(sameForAll, path.resolve(import.meta.dirname, '../locales')));
  const server = http.createServer((req, res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    respond(req, res);
  });
  server.on('error', (error) => fail(`cannot listen on ${config.host}:${config.port} (${error.message}); check HOST and PORT`));
  const stopHousekeeping = startHousekeeping(database.db);
  const stopMail = startMailWorker(database.db);
  const stopReminders = startReminderJob(database.db);
  server.listen(config.port, config.host);
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    stopHousekeeping();
    stopMail();
    const remindersDone = stopReminders();
    // Requests under way may finish; idle keep-alive connections close now, the rest after 5 s.
    // A reminder round under way finishes before the database closes.
    server.close(
      () =>
        void remindersDone
          .then(() => database.close())
          .catch(() => {})
          .finally(() => process.exit(code)),
    );
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
    setTimeout(() => process.exit(code), 8_000).unref();
  };
  process.once('SIGTERM', () => stop(0));
  process.once('SIGINT', () => stop(0));
  // A promise nobody waited for: its request is answered or gone, nothing here is half-done.
  process.on('unhandledRejection', (error) => void reportError(error, 'unhandled rejection; still serving'));
  // A throw from a timer or an event handler can leave anything half-done: this process stops,
  // and the primary starts its replacement now rather than when this one has finished.
  process.on('uncaughtException', (error) => {
    reportError(error, 'uncaught exception; this process is replaced');
    process.send?.({ hog: 'replace-me' });
    stop(1);
  });
}

/** Migrations, then the demo region when asked for: before anything serves. */
async function prepareWithDemo(config: Config): Promise<Database> {
  const database = await prepare(config);
  if (config.demoData) {
    if ((await seedDemo(database.db)) === 'seeded')
      console.log('hog-portaal: demo regions "Regio Oostveld", "Regio Westmark", "Amstelland" and "Regio Beekdal" created');
    console.log(describeDemoAccounts());
  }
  return database;
}

async function main(args: string[]): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  // PGlite's one worker is the only process that opens the data folder, so it prepares it itself.
  if (cluster.isWorker) {
    await serve(config, config.database.kind === 'pglite' ? await prepareWithDemo(config) : await open(config));
    return;
  }
  const resetting = args.includes('--reset-demo');
  // Checked before connecting: a database we refuse to empty is not touched at all.
  if (resetting && !config.demoData) {
    fail('refusing to reset a database without DEMO_DATA=true');
  }
  if (resetting) {
    const database = await prepare(config);
    await resetDemo(database.db);
    console.log('hog-portaal: demo data reset');
    await database.close();
    return;
  }
  if (args.includes('--prepare') || config.database.kind === 'postgres') {
    await (await prepareWithDemo(config)).close();
    if (args.includes('--prepare')) return;
  }
  superviseWorkers(workersFor(config.database.kind), () =>
    console.log(`hog-portaal: listening on http://${config.host}:${config.port} (public origin ${config.publicOrigin})`),
  );
}

await main(process.argv.slice(2));
