/**
 * The source of the learner library `lab` (src/lab), bundled at build time so
 * Monaco can type-check `import { models } from 'lab'` against whatever lab
 * exports today. Source, not .d.ts: TypeScript reads types from .ts files
 * just as well, and there is no extra build step to forget.
 */
export const LAB_SOURCES = import.meta.glob<string>(['/src/lab/**/*.ts', '!/src/lab/**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const LAB_ROOT = '/src/lab/';
