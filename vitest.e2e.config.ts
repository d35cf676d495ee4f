import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium through playwright-core, against the built site.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: one browser-heavy file at a time keeps timings honest.
    fileParallelism: false,
  },
});
