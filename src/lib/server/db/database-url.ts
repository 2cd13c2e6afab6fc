// node-postgres (pg 8.x, pg-connection-string) connects to exactly one host and ignores
// target_session_attrs: a URL listing several hosts fails to connect or reaches one of them by
// chance, and "primary"/"read-write" would be read as a promise the driver does not keep. So
// such a URL stops the start with what to use instead. A PostgreSQL with a standby is reached
// through one address that the HA system keeps pointed at the primary; /health (readiness)
// then also refuses a standby.

const INSTEAD =
  'use one address that always leads to the primary: the "-rw" service of a CloudNativePG cluster, ' +
  'or HAProxy in front of Patroni checking the primary (see README, "Several machines")';

/** Why this DATABASE_URL cannot be used, or undefined when it can. Looks only at the text: no secrets in the message. */
export function databaseUrlProblem(raw: string): string | undefined {
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(raw)?.[1] ?? '';
  const hosts = authority.slice(authority.lastIndexOf('@') + 1);
  const query = raw.includes('?') ? new URLSearchParams(raw.slice(raw.indexOf('?') + 1).split('#')[0]) : new URLSearchParams();
  if (hosts.includes(',') || (query.get('host') ?? '').includes(',') || (query.get('port') ?? '').includes(','))
    return `names several hosts; the database driver (node-postgres) connects to one host only: ${INSTEAD}`;
  const attrs = query.get('target_session_attrs');
  if (attrs !== null && attrs !== 'any') return `has target_session_attrs=${attrs}, which the database driver (node-postgres) does not check: ${INSTEAD}`;
  return undefined;
}
