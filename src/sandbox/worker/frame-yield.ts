/**
 * `tf.nextFrame()` in the sandbox worker: a macrotask, not a display frame.
 *
 * tfjs-core picks its yield once, when it loads: `requestAnimationFrame` if
 * the global scope has one. Chromium's dedicated workers do, and a worker that
 * draws nothing still waits for the next display frame: measured in the
 * sandbox, 15.7 ms per `tf.nextFrame()`, against 2.9 ms for `setTimeout(0)`.
 * `model.fit` yields that way every 125 ms whenever it has callbacks (the
 * sandbox's training chart is one), so a fit lost about an eighth of its time
 * to waiting.
 *
 * This module must be evaluated before tfjs (entry.ts imports it first). It
 * puts a MessageChannel-based frame in place of `requestAnimationFrame` while
 * tfjs loads; entry.ts then calls `restoreAnimationFrame()`, so learner code
 * sees the browser's own.
 */
type FrameScope = { requestAnimationFrame?: (callback: FrameRequestCallback) => number };

const scope = globalThis as FrameScope;
const original = scope.requestAnimationFrame;
let installed = false;

if (typeof original === 'function' && typeof MessageChannel === 'function') {
  scope.requestAnimationFrame = macrotaskFrame();
  installed = true;
}

/**
 * A `requestAnimationFrame` whose callbacks run on the next macrotask (a message to itself).
 * Nothing in it goes through a prototype learner code could patch later: the post is bound now,
 * and the queue is a null-prototype object indexed by counters (no Array.prototype methods or
 * index setters).
 */
export function macrotaskFrame(): (callback: FrameRequestCallback) => number {
  const channel = new MessageChannel();
  const post = channel.port2.postMessage.bind(channel.port2) as (message: null) => void;
  const now = performance.now.bind(performance);
  const waiting = Object.create(null) as Record<number, FrameRequestCallback>;
  let head = 0;
  let tail = 0;
  channel.port1.onmessage = () => {
    if (head === tail) return;
    const callback = waiting[head]!;
    delete waiting[head];
    head++;
    callback(now());
  };
  return (callback) => {
    waiting[tail] = callback;
    tail++;
    post(null);
    return tail;
  };
}

/** Puts the browser's `requestAnimationFrame` back (after tfjs has taken its yield). */
export function restoreAnimationFrame(): void {
  if (!installed) return;
  scope.requestAnimationFrame = original;
  installed = false;
}
