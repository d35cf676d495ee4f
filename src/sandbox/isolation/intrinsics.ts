/**
 * Private copies of the built-ins the runtime calls while learner code is
 * running (or may have just run): captured when this module loads, before
 * any learner code, so `Promise.prototype.then = ...` or
 * `globalThis.setTimeout = null` in a lesson cannot redirect the runtime.
 * hardening.ts puts the public ones back after the learner code; these cover
 * the moments before that.
 */
const reflectApply = Reflect.apply;
const promiseThen = Promise.prototype.then;
const NativePromise = Promise;
const nativeSetTimeout = globalThis.setTimeout.bind(globalThis);
const nativeClearTimeout = globalThis.clearTimeout.bind(globalThis);
const perf = globalThis.performance;
const performanceNow = perf ? perf.now.bind(perf) : Date.now;

export { NativePromise };

const NativeError = Error;
/** A stack of the current call (for remembering where a learner called something asynchronous). */
export function stackHere(): string {
  return new NativeError().stack ?? '';
}

/** `promise.then(onFulfilled, onRejected)` that ignores what the learner did to `then`.
 * Named `chain`, not `then`: a module exporting `then` makes its own namespace
 * object thenable, and `await import()` of it would call this function.
 */
export function chain<T, R1 = T, R2 = never>(
  promise: Promise<T>,
  onFulfilled: (value: T) => R1 | PromiseLike<R1>,
  onRejected?: (reason: unknown) => R2 | PromiseLike<R2>,
): Promise<R1 | R2> {
  return reflectApply(promiseThen, promise, [onFulfilled, onRejected]) as Promise<R1 | R2>;
}

/** `fn.apply(thisArg, args)` without going through `Function.prototype.apply`. */
export function callWith<R>(fn: (...args: never[]) => R, thisArg: unknown, args: readonly unknown[]): R {
  return reflectApply(fn as (...a: unknown[]) => R, thisArg, args as unknown[]);
}

export function setTimer(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  return nativeSetTimeout(callback, ms);
}

export function clearTimer(handle: ReturnType<typeof setTimeout> | undefined): void {
  if (handle !== undefined) nativeClearTimeout(handle);
}

export function now(): number {
  return performanceNow();
}

/**
 * A promise plus its resolve/reject, built from the native constructor. It is
 * marked handled at once: these promises are raced, and one that rejects
 * after its race is over must not count as an unhandled rejection.
 */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new NativePromise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  reflectApply(promiseThen, promise, [undefined, () => undefined]);
  return { promise, resolve, reject };
}

/**
 * Like `Promise.race`, built on the captured `then`: the public `Promise.race`
 * goes through `Promise.resolve` and `.then`, which learner code may replace.
 */
export function race<T>(promises: readonly Promise<T>[]): Promise<T> {
  return new NativePromise<T>((resolve, reject) => {
    for (let i = 0; i < promises.length; i++) reflectApply(promiseThen, promises[i], [resolve, reject]);
  });
}

/** Calls `callback` once every promise has settled (callback-style: see `race`). */
export function whenAllSettled(promises: readonly Promise<unknown>[], callback: () => void): void {
  let pending = promises.length;
  if (pending === 0) {
    callback();
    return;
  }
  const one = (): void => {
    if (--pending === 0) callback();
  };
  for (let i = 0; i < promises.length; i++) reflectApply(promiseThen, promises[i], [one, one]);
}

/**
 * How long after learner code settles its unhandled rejections are surely
 * reported. Node reports them before the next macrotask; Chromium workers
 * after it (measured: after two 0 ms timeouts and a MessageChannel round trip,
 * about 1 ms after the rejection, before a 5 ms timeout).
 */
export const REJECTION_REPORT_MS = 15;
