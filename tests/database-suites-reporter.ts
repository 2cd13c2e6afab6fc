import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

// Says which database suites really ran, so a run without PostgreSQL cannot pass for a full one.
// `npm test` prints the same lines again at its very end (from reports/database-suites.txt).
export default class DatabaseSuitesReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const lines = (['pglite', 'postgres'] as const).map((driver) => {
      const name = `db:${driver}`;
      const tests = modules.filter((m) => m.project.name === name).flatMap((m) => [...m.children.allTests()]);
      if (tests.length === 0) {
        const why = driver === 'postgres' && !process.env['TEST_DATABASE_URL'] ? ' (TEST_DATABASE_URL is not set)' : ' (not selected)';
        return `  ${name} did not run${why}`;
      }
      const count = (state: string) => tests.filter((t) => t.result().state === state).length;
      return `  ${name} ran: ${count('passed')} tests passed, ${count('failed')} failed, ${count('skipped')} skipped`;
    });
    const text = ['Database suites:', ...lines].join('\n');
    console.log(`\n${text}\n`);
    mkdirSync('reports', { recursive: true });
    writeFileSync('reports/database-suites.txt', `${text}\n`);
  }
}
