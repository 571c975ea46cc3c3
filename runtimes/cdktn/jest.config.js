// The suites the CDK Terrain install runs again (.ci/run, step 2): those whose outcome depends on the
// runtime. Stacks and full-app synth of the example and fixtures; every construct module; the example's
// decisions, evaluated on the SCPs that runtime synthesized; and imports.test.ts, which loads every
// provider class the code imports by deep path. The policy and config suites are pure TypeScript
// (no cdktf import), and the CLI, bad-input and bench suites run the same compiled app through child
// processes; they ran once in step 1 and would prove nothing more here.
const base = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: '../..',
  testMatch: [
    '<rootDir>/__tests__/stacks/**/*.test.ts',
    '<rootDir>/__tests__/modules/!(policy|config)/**/*.test.ts',
    '<rootDir>/__tests__/decisions/example-governance.test.ts',
    '<rootDir>/__tests__/imports.test.ts',
  ],
};
