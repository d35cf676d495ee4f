import { describe, expect, it } from 'vitest';
import { lockClose, snapshot } from '../../../src/sandbox/isolation/hardening.ts';
import { watchedBuiltins } from '../../../src/sandbox/isolation/watched-builtins.ts';
import { bodyPosition, makeAsyncFunction, stackOffset } from '../../../src/sandbox/worker/stack.ts';

describe('snapshot and restore of built-ins', () => {
  it('removes what learner code added to Object.prototype and puts back what it replaced', () => {
    const restore = snapshot(watchedBuiltins(globalThis));
    const push = Array.prototype.push;
    const stringify = JSON.stringify;
    try {
      Object.defineProperty(Object.prototype, 'then', { value: () => {}, configurable: true, writable: true });
      Array.prototype.push = () => 0;
      JSON.stringify = () => 'forged';
    } finally {
      restore();
    }
    expect(Object.prototype.hasOwnProperty('then')).toBe(false);
    expect(Array.prototype.push).toBe(push);
    expect(JSON.stringify).toBe(stringify);
    const list: number[] = [];
    list.push(1);
    expect(JSON.stringify(list)).toBe('[1]');
  });

  it("keeps additions on 'existing' targets but restores replaced properties", () => {
    const target: Record<string, unknown> = { keep: 1 };
    const restore = snapshot([{ object: target, mode: 'existing' }]);
    target.keep = 2;
    target.added = 3;
    restore();
    expect(target).toEqual({ keep: 1, added: 3 });
  });

  it('restores a replaced prototype', () => {
    const proto = { kind: 'original' };
    const target = Object.create(proto) as object;
    const restore = snapshot([{ object: target, mode: 'exact' }]);
    Object.setPrototypeOf(target, { kind: 'fake' });
    restore();
    expect(Object.getPrototypeOf(target)).toBe(proto);
  });
});

describe('lockClose', () => {
  it('replaces close() along the prototype chain so the original cannot be reached', () => {
    let closed = false;
    const base = { close: () => { closed = true; } };
    const scope = Object.create(base) as { close(): void };
    lockClose(scope, 'not here');
    expect(() => scope.close()).toThrow('not here');
    expect(() => base.close()).toThrow('not here');
    expect(() => Object.defineProperty(base, 'close', { value: () => {} })).toThrow(TypeError);
    expect(closed).toBe(false);
  });
});

describe('stack positions', () => {
  it('calibrates the header the function constructor adds, and maps frames to body lines', async () => {
    const offset = stackOffset();
    expect(offset.lines).toBeGreaterThanOrEqual(0);
    const fn = makeAsyncFunction([], "const a = 1;\n\n  a.b.c;\n//# sourceURL=probe-test.ts");
    const error = (await fn().catch((e: unknown) => e)) as Error;
    expect(bodyPosition(String(error.stack), 'probe-test.ts')).toEqual({ line: 3, column: 7 });
  });
});
