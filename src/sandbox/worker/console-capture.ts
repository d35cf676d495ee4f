/**
 * Routes `console.*` to the run's output while learner code (and its checks)
 * run. The global console is patched, not only the one the learner's module
 * sees, because tfjs prints through it too: `model.summary()` is a
 * `console.log` inside tfjs-layers, and learners need to see it.
 */
import { formatLogArgs, formatTable, formatValue } from './format.ts';
import type { LogLevel } from '../protocol.ts';

export type WriteLine = (level: LogLevel, text: string) => void;

type ConsoleMethod =
  | 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'dir' | 'dirxml' | 'table'
  | 'assert' | 'group' | 'groupCollapsed' | 'groupEnd' | 'count' | 'countReset'
  | 'time' | 'timeLog' | 'timeEnd';

const METHODS: readonly ConsoleMethod[] = [
  'log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table',
  'assert', 'group', 'groupCollapsed', 'groupEnd', 'count', 'countReset',
  'time', 'timeLog', 'timeEnd',
];

/** Console methods that write into `write`, with group indentation, counters and timers. */
export function createCapturedConsole(write: WriteLine, now: () => number): Record<ConsoleMethod, (...args: unknown[]) => void> {
  let indent = '';
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const out = (level: LogLevel, text: string): void => {
    write(level, indent ? indent + text.replace(/\n/g, `\n${indent}`) : text);
  };
  const label = (value: unknown): string => (value === undefined ? 'default' : String(value));
  const elapsed = (name: string): string | undefined => {
    const start = timers.get(name);
    return start === undefined ? undefined : `${name}: ${(now() - start).toFixed(1)} ms`;
  };

  return {
    log: (...args) => out('log', formatLogArgs(args)),
    info: (...args) => out('info', formatLogArgs(args)),
    warn: (...args) => out('warn', formatLogArgs(args)),
    error: (...args) => out('error', formatLogArgs(args)),
    debug: (...args) => out('log', formatLogArgs(args)),
    trace: (...args) => out('log', `Trace${args.length ? `: ${formatLogArgs(args)}` : ''}`),
    dir: (value) => out('log', formatValue(value)),
    dirxml: (...args) => out('log', formatLogArgs(args)),
    table: (data, columns) => out('log', formatTable(data, Array.isArray(columns) ? columns.map(String) : undefined)),
    assert: (condition, ...args) => {
      if (!condition) out('error', `Assertion failed${args.length ? `: ${formatLogArgs(args)}` : ''}`);
    },
    group: (...args) => {
      if (args.length) out('log', formatLogArgs(args));
      indent += '  ';
    },
    groupCollapsed: (...args) => {
      if (args.length) out('log', formatLogArgs(args));
      indent += '  ';
    },
    groupEnd: () => {
      indent = indent.slice(2);
    },
    count: (name) => {
      const key = label(name);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      out('log', `${key}: ${n}`);
    },
    countReset: (name) => {
      counts.delete(label(name));
    },
    time: (name) => {
      timers.set(label(name), now());
    },
    timeLog: (name, ...rest) => {
      const text = elapsed(label(name));
      out('warn', text === undefined ? `Timer '${label(name)}' does not exist` : [text, ...rest.map((v) => formatValue(v))].join(' '));
    },
    timeEnd: (name) => {
      const text = elapsed(label(name));
      timers.delete(label(name));
      out(text === undefined ? 'warn' : 'log', text ?? `Timer '${label(name)}' does not exist`);
    },
  };
}

/**
 * Replaces the methods of `target` (normally the global console) with
 * captured ones; returns a function that puts the originals back.
 */
export function installConsole(target: Console, captured: Record<ConsoleMethod, (...args: unknown[]) => void>): () => void {
  const record = target as unknown as Record<string, unknown>;
  const originals = new Map<string, PropertyDescriptor | undefined>();
  for (const name of METHODS) {
    originals.set(name, Object.getOwnPropertyDescriptor(target, name));
    Object.defineProperty(target, name, { value: captured[name], writable: true, configurable: true, enumerable: true });
  }
  return () => {
    for (const [name, descriptor] of originals) {
      if (descriptor) Object.defineProperty(target, name, descriptor);
      else delete record[name];
    }
  };
}
