/**
 * One list of watched built-ins, one verdict: a learner's patch to any of
 * them fails every check as untrusted, naming it (src/grading/README.md,
 * "Learner code cannot fake a pass"), in the in-process runner as in the
 * worker (test/e2e/hostile-code.test.ts has the worker's side).
 *
 * The patches here behave like the originals: Vitest shares this thread and
 * calls these methods while the learner's code runs. Being replaced is what
 * counts, not what the replacement does.
 */
import { describe, expect, it } from 'vitest';
import { createIsolation } from '../../../src/sandbox/isolation/isolation.ts';
import { WATCHED_GLOBAL_NAMES, watchedBuiltins } from '../../../src/sandbox/isolation/watched-builtins.ts';
import { run } from './helpers.ts';

const CHECKS = [
  "import { defineChecks, expect } from 'grading';",
  'export default defineChecks([',
  "  { title: 'answer is 42', test({ exports }) { expect(exports.answer).toBe(42); } },",
  "  { title: 'answer is a number', test({ exports }) { expect(typeof exports.answer).toBe('number'); } },",
  ']);',
].join('\n');

const untrusted = (builtin: string): string =>
  `This check cannot be trusted: your code replaced the built-in \`${builtin}\`. Remove that change and run again.`;

describe('a patched watched built-in fails the checks as untrusted (in-process runner)', () => {
  const patches = {
    'Array.prototype.every':
      'const every = Array.prototype.every;\nArray.prototype.every = function (this: unknown[], ...args: any[]) { return every.apply(this, args as never); } as never;',
    'RegExp.prototype.exec':
      'const exec = RegExp.prototype.exec;\nRegExp.prototype.exec = function (this: RegExp, text: string) { return exec.call(this, text); };',
  };
  for (const [builtin, patch] of Object.entries(patches)) {
    it(`${builtin}: every check fails naming it, and the original is back afterwards`, async () => {
      const [owner, , method] = builtin.split('.') as [string, string, string];
      const prototype = (globalThis as unknown as Record<string, { prototype: Record<string, unknown> }>)[owner]!.prototype;
      const original = prototype[method];
      const { result } = await run(`${patch}\nexport const answer = 42;`, { checks: CHECKS });
      expect(result.status).toBe('ok');
      expect(result.checks?.map((check) => [check.title, check.status, check.message])).toEqual([
        ['answer is 42', 'fail', untrusted(builtin)],
        ['answer is a number', 'fail', untrusted(builtin)],
      ]);
      expect(prototype[method]).toBe(original);
    });
  }

  it('the same code without the patch passes (the checks themselves are sound)', async () => {
    const { result } = await run('export const answer = 42;', { checks: CHECKS });
    expect(result.checks?.map((check) => check.status)).toEqual(['pass', 'pass']);
  });
});

describe('the watched list', () => {
  it('holds what either list held before it was one: RegExp.prototype, Number, Symbol, the string iterator and Symbol.prototype', () => {
    const names = watchedBuiltins(globalThis).map((target) => target.name);
    for (const name of ['RegExp.prototype', 'Number', 'Symbol', 'String Iterator', 'Symbol.prototype', 'Array.prototype', 'Array Iterator']) {
      expect(names).toContain(name);
    }
    expect(WATCHED_GLOBAL_NAMES).toContain('Promise');
  });
});

describe('isolation phases', () => {
  it('seal() names the first watched built-in changed and puts it back; compare() then sees only later changes', () => {
    const isolation = createIsolation({ scope: globalThis });
    const original = Symbol.prototype.toString;
    const replacement = function (this: symbol): string {
      return original.call(this);
    };
    Symbol.prototype.toString = replacement;
    try {
      expect(isolation.seal()).toBe('Symbol.prototype.toString');
      expect(Symbol.prototype.toString).toBe(original);
      expect(isolation.compare()).toBeUndefined();
      Symbol.prototype.toString = replacement;
      expect(isolation.compare()).toBe('Symbol.prototype.toString');
      isolation.restore();
      expect(isolation.compare()).toBeUndefined();
    } finally {
      Symbol.prototype.toString = original;
    }
  });

  it('a change put back mid-run (restore) is still reported by seal()', () => {
    const isolation = createIsolation({ scope: globalThis });
    const original = Number.prototype.toFixed;
    Number.prototype.toFixed = function (this: number, digits?: number) {
      return original.call(this, digits);
    };
    try {
      isolation.restore();
      expect(Number.prototype.toFixed).toBe(original);
      expect(isolation.seal()).toBe('Number.prototype.toFixed');
    } finally {
      Number.prototype.toFixed = original;
    }
  });

  it('freezing a watched built-in is not a change', () => {
    const isolation = createIsolation({ scope: globalThis });
    const descriptor = Object.getOwnPropertyDescriptor(Math, 'max')!;
    Object.defineProperty(Math, 'max', { ...descriptor, writable: false });
    try {
      expect(isolation.compare()).toBeUndefined();
    } finally {
      Object.defineProperty(Math, 'max', descriptor);
    }
  });
});
