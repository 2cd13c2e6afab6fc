// Errors that mean "the database cannot be reached", from node-postgres, Node or PGlite, wherever
// they sit in drizzle's cause chain. These get a calm 503 page instead of the 500 page.

/** Only the database driver reports these: the server or the connection to it is gone. */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/**
 * node-postgres reports a lost or unreachable server as plain errors without a code; these are
 * its own messages (pg/lib/client.js, pg-pool), so no other library's error matches them.
 */
const DRIVER_MESSAGES =
  /^(Connection terminated unexpectedly|Connection terminated|Connection terminated due to connection timeout|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Query read timeout|Cannot use a pool after calling end on the pool)$/;

/**
 * Any socket reports these, the visitor's too: a client that hangs up mid-request gives Node's
 * "aborted" ECONNRESET. They mean the database only when the error came from its driver.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

type Link = { code?: unknown; message?: unknown; cause?: unknown; syscall?: unknown; address?: unknown };

function* chain(error: unknown): Generator<Link> {
  for (let e = error as Link | undefined; e && typeof e === 'object'; e = e.cause as Link | undefined) yield e;
}

/**
 * Came from the database side: drizzle attaches the query to what they reject with,
 * and a connection the driver opened names the address it tried. Node's error for a visitor who
 * hung up has neither.
 */
function fromDatabase(error: unknown): boolean {
  for (const e of chain(error)) if ('query' in e || e.syscall === 'connect' || typeof e.address === 'string') return true;
  return false;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && DRIVER_CODES.has(e.code)) return true;
    if (typeof e.code === 'string' && SOCKET_CODES.has(e.code) && fromDatabase(error)) return true;
    if (typeof e.message === 'string' && (DRIVER_MESSAGES.test(e.message) || /PGlite is closed|Database not opened/.test(e.message))) return true;
  }
  return false;
}

/** The visitor went away while we read their request: nothing is wrong here, so nothing to report. */
export function isClientGone(error: unknown): boolean {
  if (fromDatabase(error)) return false;
  for (const e of chain(error)) if (typeof e.code === 'string' && SOCKET_CODES.has(e.code)) return true;
  return false;
}
