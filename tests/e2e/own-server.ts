import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The built portal on its own port and fresh data folder, for tests that must read its database afterwards. */
export type OwnServer = { origin: string; dataDir: string; output: () => string; stop: () => Promise<void> };

/**
 * A port nothing listens on now, chosen by the system. A fixed offset from E2E_PORT once landed on
 * 4369, which a CI machine's Erlang port mapper held.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** `dataDir`: a folder prepared beforehand (`node src/boot.ts --prepare`, then changed); else a fresh one. */
export async function startOwnServer(
  port: number,
  env: Record<string, string> = {},
  dataDir = mkdtempSync(path.join(tmpdir(), 'hog-own-server-')),
): Promise<OwnServer> {
  const origin = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['src/boot.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_ORIGIN: origin,
      DATA_DIR: dataDir,
      DEMO_DATA: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A fresh embedded database takes a few seconds; on a busy machine much longer.
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`the portal stopped while starting:\n${output}`);
    if (
      await fetch(`${origin}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (waited > 120_000) {
      child.kill('SIGTERM');
      throw new Error(`the portal did not answer within two minutes:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    origin,
    dataDir,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
