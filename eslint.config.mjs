// Typed linting; the import boundaries of our layout (STYLE.md) are enforced here, mechanically.
import eslint from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ['error', { patterns }];

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
      ]),
    },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: '^@app/workflows(/(?![a-z-]+\\.messages$).*)?$',
          allowTypeImports: true,
          message: 'The api imports only message definitions and types from workflows.',
        },
        {
          group: ['@temporalio/worker', '**/apps/worker/**'],
          message: 'The api does not run workflows or activities.',
        },
      ]),
    },
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/apps/api/**'], message: 'The worker does not depend on the api.' },
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
