/**
 * Where Debian's Chromium is, and the flags that work on these machines.
 * One module, used by the browser tests and by the course tools.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * LAUNCH_ARGS, plus a cap on the JavaScript heap of every page and worker
 * when CHROMIUM_JS_HEAP_MB is set: code that allocates without end then
 * kills its tab after that many megabytes instead of taking the machine's
 * memory first (Chromium's own cap is about 4 GB per tab). The grader turns
 * a killed tab into an error row and goes on.
 */
export function launchArgs(): string[] {
  const heap = process.env.CHROMIUM_JS_HEAP_MB;
  if (heap === undefined || heap === '') return [...LAUNCH_ARGS];
  if (!/^\d+$/.test(heap) || Number(heap) < 64) {
    throw new Error(`CHROMIUM_JS_HEAP_MB=${heap}: give a whole number of megabytes, at least 64.`);
  }
  return [...LAUNCH_ARGS, `--js-flags=--max-old-space-size=${heap}`];
}

/** CHROMIUM_PATH, else `chromium` on the PATH; stops with install advice when neither exists. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  try {
    return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim();
  } catch {
    throw new Error(
      "Chromium was not found. Browser tests use Debian's Chromium: install it with `sudo apt-get update && sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.",
    );
  }
}
