import type { Db } from './client.ts';

/**
 * A statement built once per database handle instead of once per call: drizzle then skips building
 * the SQL text (a tenth of a signed-in page's CPU time in a profile), and PostgreSQL keeps the parsed
 * statement per connection. For the statements every request runs (the session, a draft, a
 * resident's own sign-ups). Values go in as `sql.placeholder(name)`. Keyed weakly: a transaction
 * handle builds its own and is forgotten with it.
 */
export function preparedFor<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let q = built.get(db);
    if (!q) built.set(db, (q = build(db)));
    return q;
  };
}
