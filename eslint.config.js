// @ts-check
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cdktf.out/', 'coverage/', 'bench/.out/', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@cdktf/provider-aws', message: 'Import the resource by deep path (@cdktf/provider-aws/lib/<resource>): the barrel costs ~2 s and ~550 MiB.' }],
        },
      ],
    },
  },
  {
    // The library must stay free of the simulator's AGPL license.
    files: ['modules/**/*.ts', 'stacks/**/*.ts', 'main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@cdktf/provider-aws', message: 'Import the resource by deep path (@cdktf/provider-aws/lib/<resource>).' },
            { name: '@cloud-copilot/iam-simulate', message: 'The simulator (AGPL-3.0) is for tests and cli/ only.' },
          ],
        },
      ],
    },
  },
);
