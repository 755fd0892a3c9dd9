/** Jest in ESM mode: NestJS 12 and PGlite are ESM-only. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  // A folder the files of one run share (the empty PGlite template: test/support/databases.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/web/src/**/*.test.ts'],
  // Generous: a 2-core machine running the browser suites beside the server suites is slow to start a service.
  testTimeout: 120000,
  maxWorkers: 2,
  // Test names are the rules they check; listing them shows which backend ran which conformance case.
  verbose: true,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
};
