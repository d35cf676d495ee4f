/**
 * The bench's probe programs (bench/probes/*.ts) are ordinary learner
 * modules, type-checked with the rest of the project. Each has one line
 *
 *   const PARAMS = { ... }; // bench:params
 *
 * which the bench replaces to set sizes (the quick mode uses smaller ones).
 */
import { readFileSync } from 'node:fs';

export const PROBE_MARK = '__bench_probe__ ';
const PARAMS_LINE = /^const PARAMS = .*; \/\/ bench:params$/m;

export type ProbeName = 'throughput' | 'transfer';

export function probeSource(name: ProbeName): string {
  return readFileSync(new URL(`../probes/${name}.ts`, import.meta.url), 'utf8');
}

/** The probe with its PARAMS line replaced; keys not given keep the file's defaults. */
export function withParams(source: string, params: Record<string, number | boolean | string>): string {
  const line = PARAMS_LINE.exec(source)?.[0];
  if (!line) throw new Error('This probe has no `const PARAMS = {...}; // bench:params` line.');
  const defaults = parseParams(line);
  for (const key of Object.keys(params)) {
    if (!(key in defaults)) throw new Error(`Unknown probe parameter "${key}"; the probe has ${Object.keys(defaults).join(', ')}.`);
  }
  return source.replace(line, `const PARAMS = ${JSON.stringify({ ...defaults, ...params })}; // bench:params`);
}

function parseParams(line: string): Record<string, unknown> {
  const literal = line.slice(line.indexOf('{'), line.lastIndexOf('}') + 1);
  // The object literal uses bare keys and single-quoted strings; make it JSON.
  const json = literal.replace(/'([^'\\]*)'/g, '"$1"').replace(/([{,]\s*)([A-Za-z_]\w*)\s*:/g, '$1"$2":');
  return JSON.parse(json) as Record<string, unknown>;
}
