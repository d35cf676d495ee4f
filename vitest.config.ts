import { defineConfig } from 'vitest/config';

// Unit and Node-side tests. Browser tests live in vitest.e2e.config.ts.
export default defineConfig({
  resolve: {
    alias: {
      lab: new URL('./src/lab/index.ts', import.meta.url).pathname,
      grading: new URL('./src/grading/index.ts', import.meta.url).pathname,
    },
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
