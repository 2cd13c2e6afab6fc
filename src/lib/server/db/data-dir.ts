import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

// The embedded database and the encryption key live in DATA_DIR: health data, readable by the
// portal's own user only. New files get that from the umask the boot sets; files from an older
// start (or copied in) are made private here, at every start, before anything is served.
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Makes the folder and everything in it owner-only; returns what is still open to others after. */
export function secureDataDir(dir: string): string[] {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  const stillOpen: string[] = [];
  const walk = (entry: string) => {
    const stat = lstatSync(entry);
    if (stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? PRIVATE_DIR : PRIVATE_FILE;
    if ((stat.mode & 0o777) !== wanted) chmodSync(entry, wanted);
    if (lstatSync(entry).mode & 0o077) stillOpen.push(entry);
    if (stat.isDirectory()) for (const name of readdirSync(entry)) walk(path.join(entry, name));
  };
  walk(dir);
  return stillOpen;
}
