// The primary process: it serves nothing itself, it keeps workers serving. A worker that stops
// after it started listening is replaced at once; one that cannot even start (a wrong port, a
// broken build) stops everything, because a replacement would fail the same way.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

export type Workers = { count: number; /** only one process may have the data open at a time */ exclusive: boolean };

/** One worker per core (at least 2) on PostgreSQL; PGlite allows one process per data folder. */
export function workersFor(kind: 'pglite' | 'postgres'): Workers {
  return kind === 'pglite' ? { count: 1, exclusive: true } : { count: Math.max(2, availableParallelism()), exclusive: false };
}

const STOP_GRACE_MS = 10_000;
const RETRY_MS = 1_000;

export function superviseWorkers({ count, exclusive }: Workers, onFirstListening: () => void): void {
  const listened = new Set<number>();
  // Workers that asked to be replaced (they are stopping after an uncaught error).
  const replaced = new Set<number>();
  let anyListened = false;
  let stopping = false;
  let exitCode = 0;

  const fork = (replacement = true): Worker => {
    const worker = cluster.fork();
    worker.once('listening', () => {
      listened.add(worker.id);
      if (replacement) console.log(`hog-portaal: worker ${worker.process.pid} is serving`);
      else if (!anyListened) onFirstListening();
      anyListened = true;
    });
    worker.on('message', (message: { hog?: string }) => {
      // With exclusive data the replacement must wait until the old process has let go of it.
      if (message?.hog !== 'replace-me' || exclusive || stopping || replaced.has(worker.id)) return;
      replaced.add(worker.id);
      fork();
    });
    return worker;
  };
  const running = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const worker of running()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of running()) worker.process.kill('SIGKILL');
      process.exit(code || 1);
    }, STOP_GRACE_MS).unref();
    exitCode = code;
    if (running().length === 0) process.exit(code);
  };

  cluster.on('exit', (worker, code, signal) => {
    const started = listened.delete(worker.id);
    const alreadyReplaced = replaced.delete(worker.id);
    if (stopping) {
      if (running().length === 0) process.exit(exitCode);
      return;
    }
    if (!started && !anyListened) {
      // It printed its reason already (one line naming the setting).
      stop(code || 1);
      return;
    }
    console.error(`hog-portaal: worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`})${alreadyReplaced ? '' : '; starting a new one'}`);
    if (alreadyReplaced) return;
    // A replacement that failed before listening is retried after a pause, not in a tight loop.
    if (started) fork();
    else setTimeout(() => stopping || fork(), RETRY_MS);
  });

  for (let i = 0; i < count; i++) fork(false);
  process.once('SIGTERM', () => stop(0));
  process.once('SIGINT', () => stop(0));
}
