import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { preparedFor } from '../../src/lib/server/db/prepared.ts';

describe('a prepared statement', () => {
  it('is built once per database handle, and again for another handle', () => {
    let builds = 0;
    const statement = preparedFor((db) => ({ db, n: ++builds }));
    const [one, two] = [{} as Db, {} as Db];
    expect(statement(one)).toBe(statement(one));
    expect(statement(two)).not.toBe(statement(one));
    expect(statement(two).db).toBe(two);
    expect(builds).toBe(2);
  });
});
