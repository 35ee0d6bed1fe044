import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'segments', include: ['src/**/*.test.ts'] },
});
