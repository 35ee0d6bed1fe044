import { defineConfig } from 'vitest/config';

// CI (.ci/run) sets VITEST_JSON_OUT to collect pass/fail counts and OMNICAST_COVERAGE=1 to measure
// coverage in the same run as the README's test command.
const jsonOut = process.env.VITEST_JSON_OUT;

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'scripts'],
    reporters: jsonOut ? ['default', ['json', { outputFile: jsonOut }]] : ['default'],
    coverage: {
      enabled: process.env.OMNICAST_COVERAGE === '1',
      provider: 'v8',
      include: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.test-d.ts', '**/__fixtures__/**', '**/__tests__/**', '**/*.bench.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportOnFailure: true,
    },
  },
});
