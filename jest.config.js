// Three projects: `unit` (pure logic, next to the code), `integration` (test/: real PostgreSQL, Temporal,
// SMTP), and `faults` (test/faults/: the fault suite against whole production stacks), run only when selected
// by name.
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

const unit = {
  ...shared,
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,workflows,tools}/**/*.spec.ts'],
};

const integration = {
  ...shared,
  displayName: 'integration',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  slowTestThreshold: 30,
  setupFiles: ['<rootDir>/test/support/quiet-temporal-runtime.ts'],
  // A project's global set-up runs only when one of its tests is selected: unit runs stay fast.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

// `npm run test:faults` (FAULT_PROFILE=ci|full, see test/faults/faults.fault.ts): each fault starts a
// production stack of its own (tools/production-stack), so it needs no global set-up; the suite sets its
// own timeouts (a full run takes about half an hour).
const faults = {
  ...shared,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault.ts'],
  setupFiles: ['<rootDir>/test/support/quiet-temporal-runtime.ts'],
  slowTestThreshold: 600,
};

/** The projects named by --selectProjects on Jest's command line (none when it has none). */
function selectedProjects(argv) {
  const names = [];
  let naming = false;
  for (const arg of argv) {
    if (arg.startsWith('--selectProjects=')) names.push(...arg.slice('--selectProjects='.length).split(','));
    else if (arg === '--selectProjects') naming = true;
    else if (arg.startsWith('-')) naming = false;
    else if (naming) names.push(arg);
  }
  return names;
}

/** @type {import('jest').Config} */
module.exports = {
  // The fault suite takes minutes: `npm test` (every project) leaves it out; only its name brings it in.
  projects: [unit, integration, ...(selectedProjects(process.argv).includes('faults') ? [faults] : [])],
  // Integration tests share one Temporal dev server and database; in band keeps them predictable on 2 cores.
  maxWorkers: 1,
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
