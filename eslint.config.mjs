// Typed linting; the import boundaries of our layout (STYLE.md) are enforced here, mechanically.
import eslint from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ['error', { patterns }];

// A relative import that climbs out to a top-level folder, e.g. `../../apps/cli/src/x` (`apps/...` also
// resolves, through tsconfig's baseUrl).
const upTo = (folders) => `^(\\.\\./)*(${folders})/`;

// Another app's sources, however the import is written: `../../worker/src/x` from a sibling app,
// `../../apps/worker/src/x` from further away, `apps/worker/src/x` through the baseUrl.
const appSources = (apps) => `^((\\.\\./)+(apps/)?|apps/)(${apps})/src/`;

// What `npm run build` ships (apps, libs, workflows) never imports the development and test code.
const NOT_SHIPPED = {
  regex: upTo('tools|test|bench'),
  message: 'tools/, test/ and bench/ are not part of the build: shipped code never imports them.',
};

// Platform tokens are the platform's to issue; the service only verifies them (the CLI issues them for
// development and tests).
const NO_PLATFORM_TOKENS = {
  regex: '^@app/secrets$',
  importNames: ['issuePlatformToken'],
  message:
    'The api and the worker verify platform tokens; only the CLI, npm run dev and the tests issue them.',
};

// Of workflows, code outside the worker sees only the message definitions (and, as types, the rest).
const WORKFLOW_MESSAGES_ONLY = (who) => ({
  // Also `workflows/…` as such: tsconfig's baseUrl resolves it.
  regex: '^(@app/|(\\.\\./)*)workflows(/(?![a-z-]+\\.messages$).*)?$',
  allowTypeImports: true,
  message: `${who} imports only message definitions and types from workflows.`,
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'test-results/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Nest injects by the constructor parameter's class: those imports must stay values.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Nest declares many option types as classes; object literals for them are the documented use.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['@app/*', '@nestjs/*', 'typeorm', 'node:*', 'nodemailer', 'pdf-parse', '@temporalio/*'],
          message: 'libs/domain is pure TypeScript: it imports nothing of ours and no I/O.',
        },
        NOT_SHIPPED,
      ]),
    },
  },
  {
    files: ['libs/{config,persistence,mail,secrets,logging}/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['@app/workflows', '@app/workflows/*', '**/apps/**'],
          message: 'libs may import only libs/domain and libs/config (and each other where it makes sense).',
        },
        NOT_SHIPPED,
      ]),
    },
  },
  {
    files: ['libs/document-analysis/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['@app/*', '!@app/domain', '!@app/config', '**/apps/**', '**/workflows/**'],
          message: 'libs/document-analysis may import only libs/domain and libs/config.',
        },
        NOT_SHIPPED,
      ]),
    },
  },
  {
    files: ['libs/directory-import/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: [
            '@app/*',
            '!@app/domain',
            '!@app/config',
            '!@app/persistence',
            '**/apps/**',
            '**/workflows/**',
          ],
          message: 'libs/directory-import may import only libs/domain, libs/config and libs/persistence.',
        },
        NOT_SHIPPED,
      ]),
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: [
            '@nestjs/*',
            'typeorm',
            'pg',
            'node:*',
            'fs',
            'path',
            'crypto',
            'nodemailer',
            'pdf-parse',
            '@temporalio/worker',
            '@temporalio/client',
            '@temporalio/activity',
          ],
          message: 'Workflow code is deterministic: no Nest, no I/O, no Node built-ins.',
        },
        {
          group: ['@app/*', '!@app/workflows/*'],
          message: 'The bundler does not read tsconfig paths: import libs/domain relatively.',
        },
        NOT_SHIPPED,
      ]),
    },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        WORKFLOW_MESSAGES_ONLY('The api'),
        { group: ['@temporalio/worker'], message: 'The api does not run workflows or activities.' },
        { regex: appSources('worker|cli'), message: 'The api does not depend on the worker or the CLI.' },
        NO_PLATFORM_TOKENS,
        NOT_SHIPPED,
      ]),
    },
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { regex: appSources('api|cli'), message: 'The worker does not depend on the api or the CLI.' },
        NO_PLATFORM_TOKENS,
        NOT_SHIPPED,
      ]),
    },
  },
  {
    files: ['apps/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: appSources('api|worker'),
          message: 'The CLI works on the database through libs: not through the api or the worker.',
        },
        {
          group: ['@app/workflows', '@app/workflows/*', '**/workflows/**'],
          message: 'The CLI does not start or signal workflows.',
        },
        NOT_SHIPPED,
      ]),
    },
  },
  {
    // Development scripts (npm run dev, build, provisioning): libs, their own files and workflows' messages.
    // They start the apps as processes; of the apps' code they import only this deliberate list.
    files: ['tools/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: `${upTo('apps')}(?!worker/src/workflow-source$)`,
          message:
            "tools/ reaches the apps through libs/ or starts them as processes; of apps/ it imports only the worker's workflow-source (the prebuilt bundle's name).",
        },
        WORKFLOW_MESSAGES_ONLY('tools/'),
        { regex: upTo('test|bench'), message: 'tools/ serves test/ and bench/, never the other way round.' },
      ]),
    },
  },
  {
    // Measurements of the real api: libs, tools (PostgreSQL, Temporal), and the api's public entry point.
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: `${upTo('apps')}(?!api/src/create-api-app$)`,
          message: 'bench/ starts the api through apps/api/src/create-api-app only, not its internals.',
        },
        WORKFLOW_MESSAGES_ONLY('bench/'),
        { regex: upTo('test'), message: 'bench/ does not depend on the tests.' },
      ]),
    },
  },
  {
    // Tests exercise everything on purpose: libs, workflows, tools (mail catcher, PostgreSQL, Temporal) and
    // the apps' internals (modules, activities, services). Only the benchmarks are out of their reach.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { regex: upTo('bench'), message: 'test/ does not depend on the benchmarks.' },
      ]),
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Stand-ins for async interfaces (activities) are often synchronous inside.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The pages' few scripts run in the browser, as they are (no build step).
    files: ['apps/api/src/web/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  prettier,
);
