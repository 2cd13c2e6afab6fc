import { randomInt } from 'node:crypto';

// Plain TypeScript (no Astro imports): the boot script's process handlers use it as well.

// No 0/O or 1/I: the id is read out over the phone.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A short random id the person sees and the log line carries, e.g. `K7Q2M9XD`. */
export function newErrorId(): string {
  let id = '';
  for (let i = 0; i < 8; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

type Described = { name?: unknown; message?: unknown; code?: unknown; query?: unknown; params?: unknown; cause?: unknown; stack?: unknown };

/**
 * What may go into the log: each error in the cause chain by name, code and message, and for a
 * failed query its SQL. Never the query's parameters or the server's DETAIL: they can hold the
 * personal data the query was about (drizzle's own message lists them, so it is left out).
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let frames = '';
  for (let e = error as Described | undefined, depth = 0; e && depth < 5; e = e.cause as Described | undefined, depth++) {
    if (typeof e !== 'object') {
      parts.push(String(e));
      break;
    }
    const name = typeof e.name === 'string' ? e.name : 'Error';
    if (!frames && typeof e.stack === 'string')
      frames = e.stack
        .split('\n')
        .filter((l) => l.startsWith('    at '))
        .slice(0, 6)
        .join('\n');
    if (typeof e.query === 'string' && 'params' in e) parts.push(`${name}: query \`${e.query.replace(/\s+/g, ' ')}\``);
    else parts.push(`${name}${typeof e.code === 'string' ? ` [${e.code}]` : ''}: ${String(e.message ?? '').replace(/\s+/g, ' ')}`);
  }
  return parts.join(' <- ') + (frames ? `\n${frames}` : '');
}

/** Logs an unexpected error under a new id and returns the id to show. */
export function reportError(error: unknown, where: string): string {
  const id = newErrorId();
  console.error(`hog-portaal: error ${id} (${where}): ${describeError(error)}`);
  return id;
}
