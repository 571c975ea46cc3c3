// @ts-check
const tseslint = require('typescript-eslint');

const barrel = { name: '@cdktf/provider-aws', message: 'Import the resource by deep path (@cdktf/provider-aws/lib/<resource>): the barrel costs ~2 s and ~550 MiB.' };
const simulator = { name: '@cloud-copilot/iam-simulate', message: 'The simulator (AGPL-3.0) is for tests and cli/ only.' };
const FACE = 'Import another module through its face (its index.ts, or the light.ts of modules/config and modules/policy), not one of its files: what is not exported there is private to it.';

/**
 * Module faces: from outside modules/<name>/ (or stacks/), import the folder, never a file in it;
 * modules/config and modules/policy also show a light face, light.ts, without zod and the compiler.
 * `deep` matches an import specifier that reaches into another module; tests may import internals.
 */
function faces(files, deep, product = true) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: product ? [barrel, simulator] : [barrel], patterns: [{ regex: deep, message: FACE }] },
      ],
    },
  };
}

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
  // A file of modules/<name>/ at depth 1, 2 or 3 leaves its module with ../, ../../ or ../../../.
  faces(['modules/*/*.ts'], '^\\.\\./[^/.][^/]*/(?!light$).+'),
  faces(['modules/*/*/*.ts'], '^(\\.\\./){2}[^/.][^/]*/(?!light$).+'),
  faces(['modules/*/*/*/*.ts'], '^(\\.\\./){3}[^/.][^/]*/(?!light$).+'),
  faces(['stacks/**/*.ts'], '^(\\.\\./)+modules/[^/]+/(?!light$).+'),
  faces(['main.ts', 'synth-app.ts'], '^\\./(modules/[^/]+|stacks)/(?!light$).+'),
  faces(['cli/**/*.ts'], '^(\\.\\./)+(modules/[^/]+|stacks)/(?!light$).+', false),
);
