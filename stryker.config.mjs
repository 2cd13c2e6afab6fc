// Mutation testing (`npm run test:mutation`): changes the server code one small piece at a time and
// checks that some test fails. Not part of `npm test`: it runs for an hour on two cores.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts' },
  mutate: [
    'src/lib/server/auth/**/*.ts',
    'src/lib/server/registrations/**/*.ts',
    'src/lib/server/crypto/**/*.ts',
    'src/lib/server/audit/**/*.ts',
    'src/lib/server/accounts/two-factor.ts',
    // A word list: mutating its strings says nothing about the tests.
    '!src/lib/server/auth/common-passwords-nl.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine's two cores are shared; more runners only make each one slower.
  concurrency: Number(process.env['STRYKER_CONCURRENCY'] ?? 1),
  ignoreStatic: true,
  timeoutMS: 30_000,
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
