import { defineProject } from 'vitest/config';

export default defineProject({
  // PGlite boots a whole PostgreSQL in WebAssembly: allow for slow, shared CI machines.
  test: { name: 'store-postgres', include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000 },
});
