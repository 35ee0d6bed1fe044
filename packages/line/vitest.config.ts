import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'line', include: ['src/**/*.test.ts'] },
});
