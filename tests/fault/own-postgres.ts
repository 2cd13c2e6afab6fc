// A throwaway PostgreSQL cluster for the fault test: its own data folder and port, so stopping it
// never touches the shared server other tests use. initdb refuses to run as root, so as root the
// binaries run as the `postgres` OS user (Debian's packages create it).
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
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

export type OwnPostgres = {
  url: string;
  start: () => void;
  stop: (mode: 'fast' | 'immediate') => void;
  /** Stop and start again without blocking the event loop, so clients in this process see it happen. */
  restart: (mode: 'fast' | 'immediate') => Promise<void>;
  /** Ends recovery on a standby (pg_ctl promote -w): it takes writes when this returns. */
  promote: () => Promise<void>;
  /** A hot standby streaming from this cluster (pg_basebackup -R), on its own port. */
  standby: () => Promise<OwnPostgres>;
  destroy: () => void;
};

export async function createOwnPostgres(): Promise<OwnPostgres> {
  const tools = ownTools();
  const dir = tools.folder();
  const data = path.join(dir, 'data');
  const port = await freePort();
  tools.run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], dir);
  // No fsync: the test stops the server, it never pulls the plug on the machine.
  writeFileSync(
    path.join(data, 'postgresql.auto.conf'),
    [`port = ${port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${dir}'`, 'fsync = off', 'max_connections = 100'].join('\n') + '\n',
  );
  return handle(tools, dir, data, port);
}

type Tools = {
  folder: () => string;
  run: (tool: string, args: string[], cwd: string) => void;
  runAsync: (tool: string, args: string[], cwd: string) => Promise<void>;
};

function ownTools(): Tools {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
      }
    : undefined;
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
  return {
    folder: () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'hog-fault-pg-'));
      if (owner) chownSync(dir, owner.uid, owner.gid);
      chmodSync(dir, 0o700);
      return dir;
    },
    run: (tool, args, cwd) => {
      const [file, all] = command(tool, args);
      execFileSync(file, all, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
    },
    runAsync: async (tool, args, cwd) => {
      const [file, all] = command(tool, args);
      await promisify(execFile)(file, all, { cwd, timeout: 60_000 });
    },
  };
}

function handle(tools: Tools, dir: string, data: string, port: number): OwnPostgres {
  const pgCtl = (...args: string[]) => tools.run('pg_ctl', ['-D', data, ...args], dir);
  const logFile = path.join(dir, 'server.log');
  const start = () => pgCtl('start', '-w', '-t', '30', '-l', logFile);
  start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    start,
    stop: (mode) => pgCtl('stop', '-w', '-m', mode),
    restart: async (mode) => {
      await tools.runAsync('pg_ctl', ['-D', data, 'stop', '-w', '-m', mode], dir);
      await tools.runAsync('pg_ctl', ['-D', data, 'start', '-w', '-t', '30', '-l', logFile], dir);
    },
    promote: () => tools.runAsync('pg_ctl', ['-D', data, 'promote', '-w', '-t', '30'], dir),
    standby: async () => {
      const standbyDir = tools.folder();
      const standbyData = path.join(standbyDir, 'data');
      const standbyPort = await freePort();
      // -R writes primary_conninfo and standby.signal: it starts as a streaming hot standby.
      tools.run('pg_basebackup', ['-d', url, '-D', standbyData, '-R', '-X', 'stream', '--no-sync'], standbyDir);
      writeFileSync(
        path.join(standbyData, 'postgresql.auto.conf'),
        [
          `port = ${standbyPort}`,
          "listen_addresses = '127.0.0.1'",
          `unix_socket_directories = '${standbyDir}'`,
          'fsync = off',
          'max_connections = 100',
          `primary_conninfo = 'host=127.0.0.1 port=${port} user=postgres'`,
        ].join('\n') + '\n',
      );
      return handle(tools, standbyDir, standbyData, standbyPort);
    },
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
