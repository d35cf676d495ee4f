/**
 * The environment for commands a test spawns (astro build, verify, grade).
 * Vitest puts Vite's BASE_URL/MODE/DEV/PROD/SSR into process.env; a child
 * `astro build` would read them back as import.meta.env and build every link
 * for the wrong base path. They are dropped here.
 */
const VITEST_ONLY = ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'TEST'];

export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
  for (const name of VITEST_ONLY) delete env[name];
  return env;
}
