// Two projects: `unit` (pure logic, next to the code) and `integration` (test/: real PostgreSQL, Temporal, SMTP).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

// Dependencies published as ES modules only; Jest's CommonJS runtime needs them compiled. @fastify/cookie
// loads `cookie` (ESM only) with a dynamic import(), which compiled to CommonJS becomes a require().
const ESM_ONLY_PACKAGES = ['content-disposition', '@fastify/cookie', 'cookie'];

const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    [`/node_modules/(${ESM_ONLY_PACKAGES.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,workflows,tools}/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      slowTestThreshold: 30,
      setupFiles: ['<rootDir>/test/support/quiet-temporal-runtime.ts'],
      // A project's global set-up runs only when one of its tests is selected: unit runs stay fast.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  // Integration tests share one Temporal dev server and database; in band keeps them predictable on 2 cores.
  maxWorkers: 1,
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
