// A throwaway PostgreSQL cluster for the fault test: its own data folder and port, so stopping it
// never touches the shared server other tests use. initdb refuses to run as root, so as root the
// binaries run as the `postgres` OS user (Debian's packages create it).
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The newest installed server's bin folder: Debian keeps them in /usr/lib/postgresql/<major>/bin. */
export function findPostgresBin(): string {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))) : [];
  majors.sort((a, b) => Number(b) - Number(a));
  if (majors[0]) return path.join(base, majors[0], 'bin');
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and pg_config --bindir)');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type OwnPostgres = { url: string; start: () => void; stop: (mode: 'fast' | 'immediate') => void; destroy: () => void };

export async function createOwnPostgres(): Promise<OwnPostgres> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'hog-fault-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (tool: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, tool), asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args, {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 60_000,
    });
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  // No fsync: the test stops the server, it never pulls the plug on the machine.
  writeFileSync(
    path.join(data, 'postgresql.auto.conf'),
    [`port = ${port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${dir}'`, 'fsync = off', 'max_connections = 100'].join('\n') + '\n',
  );
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', data, ...args]);
  const start = () => pgCtl('start', '-w', '-t', '30', '-l', path.join(dir, 'server.log'));
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop: (mode) => pgCtl('stop', '-w', '-m', mode),
    destroy: () => {
      try {
        pgCtl('stop', '-w', '-m', 'immediate');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
