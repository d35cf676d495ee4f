/**
 * The sandbox worker's stand-in for requestAnimationFrame while tfjs loads
 * (src/sandbox/worker/frame-yield.ts): callbacks run in order, each on a later
 * macrotask, with a timestamp. In the browser: test/e2e/checks.test.ts, "frames in the sandbox worker".
 */
import { describe, expect, it } from 'vitest';
import { macrotaskFrame } from '../../../src/sandbox/worker/frame-yield.ts';

describe('macrotaskFrame', () => {
  it('runs callbacks in order on later macrotasks, with a timestamp, and returns growing handles', async () => {
    const frame = macrotaskFrame();
    const seen: Array<[string, number]> = [];
    const first = frame((t) => seen.push(['a', t]));
    const second = frame((t) => seen.push(['b', t]));
    expect(second).toBeGreaterThan(first);
    await Promise.resolve();
    expect(seen).toEqual([]); // not a microtask: synchronous code and promise jobs finish first
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.map(([name]) => name)).toEqual(['a', 'b']);
    for (const [, t] of seen) expect(t).toBeGreaterThan(0);
  });

  it('keeps working when code patches MessagePort.prototype.postMessage or Array.prototype.shift afterwards', async () => {
    const frame = macrotaskFrame();
    const proto = MessagePort.prototype as { postMessage: unknown };
    const postMessage = proto.postMessage;
    const shift = Array.prototype.shift;
    let ran = false;
    try {
      proto.postMessage = () => undefined;
      Array.prototype.shift = () => undefined;
      frame(() => {
        ran = true;
      });
    } finally {
      proto.postMessage = postMessage;
      Array.prototype.shift = shift;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toBe(true);
  });
});
