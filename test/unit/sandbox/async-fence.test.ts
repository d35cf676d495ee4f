/**
 * The fence that ends the learner's code when its turn is over
 * (src/sandbox/isolation/async-fence.ts), on a stand-in global built from Node's own
 * timers and channels (the worker's is exercised in Chromium by
 * test/e2e/hostile-code.test.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import { installAsyncFence } from '../../../src/sandbox/isolation/async-fence.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class FakeWorker {
  static made: FakeWorker[] = [];
  terminate = vi.fn();
  constructor() {
    FakeWorker.made.push(this);
  }
}

/** A global whose timers live on its prototype, as WorkerGlobalScope's do in Chromium. */
function standInGlobal() {
  const prototype = { setTimeout, setInterval, clearTimeout, clearInterval, queueMicrotask };
  const global = Object.create(prototype) as Record<string, unknown>;
  // Own subclasses, so the fence's changes to `prototype.constructor` stay in this test.
  global.MessageChannel = class extends MessageChannel {};
  global.Worker = FakeWorker;
  global.AbortController = AbortController;
  global.AbortSignal = AbortSignal;
  global.eval = eval;
  global.fetch = (_input: unknown, init?: { signal?: AbortSignal }) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, 50, 'response');
      init?.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  return { global, prototype, fence: installAsyncFence(global as unknown as typeof globalThis) };
}

describe('the async fence', () => {
  it('drops timers and intervals scheduled before the seal, and lets later ones run', async () => {
    const { global, fence } = standInGlobal();
    const fired: string[] = [];
    const g = global as unknown as typeof globalThis;
    g.setTimeout(() => fired.push('timeout'), 20);
    g.setInterval(() => fired.push('interval'), 5);
    g.setTimeout('globalThis.__fenceString = true', 20);
    await wait(12);
    expect(fired.filter((f) => f === 'interval').length).toBeGreaterThan(0);
    fence.seal();
    const before = fired.length;
    await wait(40);
    expect(fired.length).toBe(before);
    expect(fired).not.toContain('timeout');
    expect((globalThis as { __fenceString?: boolean }).__fenceString).toBeUndefined();
    g.setTimeout(() => fired.push('after seal'), 1);
    await wait(10);
    expect(fired.at(-1)).toBe('after seal');
  });

  it('drops a microtask queued before the seal', async () => {
    const { global, fence } = standInGlobal();
    const fired: string[] = [];
    (global as unknown as typeof globalThis).queueMicrotask(() => fired.push('micro'));
    fence.seal();
    await wait(1);
    expect(fired).toEqual([]);
  });

  it('closes channels opened before the seal: no message crosses afterwards', async () => {
    const { global, fence } = standInGlobal();
    const Channel = global.MessageChannel as typeof MessageChannel;
    const channel = new Channel();
    const viaConstructor = new (Channel.prototype.constructor as typeof MessageChannel)();
    const received: unknown[] = [];
    channel.port1.onmessage = (event) => received.push(event.data);
    viaConstructor.port1.onmessage = (event) => received.push(event.data);
    channel.port2.postMessage('before');
    await wait(10);
    expect(received).toEqual(['before']);
    fence.seal();
    channel.port2.postMessage('after');
    viaConstructor.port2.postMessage('after, through prototype.constructor');
    await wait(10);
    expect(received).toEqual(['before']);
  });

  it('terminates workers started before the seal', () => {
    const { global, fence } = standInGlobal();
    const Worker = global.Worker as typeof FakeWorker;
    const worker = new Worker();
    expect(worker).toBeInstanceOf(FakeWorker);
    fence.seal();
    expect(worker.terminate).toHaveBeenCalledOnce();
    const later = new Worker();
    fence.seal();
    expect(later.terminate).not.toHaveBeenCalled();
  });

  it('aborts fetches still on their way, and honours the learner’s own signal', async () => {
    const { global, fence } = standInGlobal();
    const fetch = global.fetch as (input: string, init?: { signal?: AbortSignal }) => Promise<unknown>;
    const pending = fetch('https://example.com/');
    const mine = new AbortController();
    const cancelledByLearner = fetch('https://example.com/', { signal: mine.signal });
    mine.abort();
    await expect(cancelledByLearner).rejects.toThrow('aborted');
    fence.seal();
    await expect(pending).rejects.toThrow('aborted');
    await expect(fetch('https://example.com/')).resolves.toBe('response');
  });

  it('keeps the originals out of reach: every level replaced, and fixed in place', () => {
    const { global, prototype } = standInGlobal();
    expect(global.setTimeout).toBe((prototype as Record<string, unknown>).setTimeout);
    expect(global.setTimeout).not.toBe(setTimeout);
    expect(() => {
      'use strict';
      (global as { setTimeout: unknown }).setTimeout = setTimeout;
    }).toThrow(TypeError);
    expect(() => Object.defineProperty(prototype, 'setTimeout', { value: setTimeout })).toThrow(TypeError);
  });
});
