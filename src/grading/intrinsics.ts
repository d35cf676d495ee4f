/**
 * Private copies of the built-ins the grader relies on, taken when this module
 * is first loaded — before any learner code runs in the worker.
 *
 * Why: learner code runs in the same realm as the checks and may (by accident
 * or on purpose) overwrite `Array.prototype.every`, `Object.keys`,
 * `Promise.prototype.then`, `Math.abs`... If the grader called those at check
 * time, a learner could make a failing check pass. Everything below is called
 * through `Reflect.apply` on the captured function, never looked up again on
 * the (possibly modified) prototype or global.
 *
 * Anything not listed here must not be used on a pass/fail path: plain
 * operators (`===`, `<`, `typeof`, index reads of our own fresh arrays) are safe,
 * method calls on values are not.
 */

const reflectApply = Reflect.apply;
const objectKeys = Object.keys;
const objectFreeze = Object.freeze;
const objectDefineProperty = Object.defineProperty;
const objectGetPrototypeOf = Object.getPrototypeOf;
const objectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const objectHasOwn = Object.prototype.hasOwnProperty;
const objectProto = Object.prototype;
const objectToString = Object.prototype.toString;
const arrayIsArray = Array.isArray;
const arrayBufferIsView = ArrayBuffer.isView;
const numberToFixed = Number.prototype.toFixed;
const numberToPrecision = Number.prototype.toPrecision;
const numberToExponential = Number.prototype.toExponential;
const stringIncludes = String.prototype.includes;
const stringSlice = String.prototype.slice;
const stringReplace = String.prototype.replace;
const stringToUpperCase = String.prototype.toUpperCase;
const regExpExec = RegExp.prototype.exec;
const regExpSourceGetter = getter(RegExp.prototype, 'source');
const regExpFlagsGetter = getter(RegExp.prototype, 'flags');
const jsonStringify = JSON.stringify;
const symbolToString = Symbol.prototype.toString;
const promiseThen = Promise.prototype.then;
const NativePromise = Promise;
const NativeError = Error;
const NativeDataView = DataView;
const nativeSetTimeout = setTimeout;
const nativeClearTimeout = clearTimeout;
const clock: () => number =
  typeof performance !== 'undefined' && typeof performance.now === 'function'
    ? reflectApply(Function.prototype.bind, performance.now, [performance]) as () => number
    : Date.now;

function getter(target: object, key: string): (this: unknown) => unknown {
  const descriptor = objectGetOwnPropertyDescriptor(target, key);
  if (!descriptor?.get) throw new NativeError(`grading: no getter ${key}`);
  return descriptor.get;
}

export { NativeError, NativePromise };

/** `fn.apply(thisArg, args)` without `Function.prototype.apply` or a global `Reflect`. */
export function callFunction(fn: (...args: never[]) => unknown, thisArg: unknown, args: unknown[]): unknown {
  return reflectApply(fn as (...args: unknown[]) => unknown, thisArg, args);
}

export function now(): number {
  return clock();
}

export function startTimer(callback: () => void, ms: number): unknown {
  return nativeSetTimeout(callback, ms);
}

export function stopTimer(handle: unknown): void {
  nativeClearTimeout(handle as ReturnType<typeof setTimeout>);
}

export function isArray(value: unknown): value is unknown[] {
  return arrayIsArray(value);
}

/** Typed arrays (Float32Array, ...) but not DataView. */
export function isTypedArray(value: unknown): value is ArrayLike<number> {
  return arrayBufferIsView(value) && !(value instanceof NativeDataView);
}

export function ownKeys(value: object): string[] {
  return objectKeys(value);
}

export function hasOwn(value: object, key: PropertyKey): boolean {
  return reflectApply(objectHasOwn, value, [key]) as boolean;
}

export function prototypeOf(value: object): object | null {
  return objectGetPrototypeOf(value) as object | null;
}

export function isPlainObject(value: object): boolean {
  const proto = objectGetPrototypeOf(value);
  return proto === objectProto || proto === null;
}

/** "[object Map]" etc.; only for display. */
export function tagOf(value: unknown): string {
  return reflectApply(objectToString, value, []) as string;
}

export function freeze<T>(value: T): T {
  return objectFreeze(value);
}

/**
 * Appends to an array we own without `push` (which learner code may replace)
 * and without a plain `arr[i] = v` (which a setter on `Array.prototype[i]`
 * would intercept). The descriptor has a null prototype so that a learner's
 * `Object.prototype.get` cannot turn it into an accessor descriptor.
 */
export function append<T>(list: T[], item: T): void {
  objectDefineProperty(list, list.length, {
    __proto__: null,
    value: item,
    writable: true,
    enumerable: true,
    configurable: true,
  } as PropertyDescriptor);
}

/** Defines an own data property, immune to setters on Object.prototype. */
export function defineValue(target: object, key: PropertyKey, value: unknown, enumerable = true): void {
  objectDefineProperty(target, key, {
    __proto__: null,
    value,
    writable: true,
    enumerable,
    configurable: true,
  } as PropertyDescriptor);
}

export function includesText(haystack: string, needle: string): boolean {
  return reflectApply(stringIncludes, haystack, [needle]) as boolean;
}

export function sliceText(text: string, start: number, end?: number): string {
  return reflectApply(stringSlice, text, end === undefined ? [start] : [start, end]) as string;
}

export function replaceText(text: string, pattern: RegExp, replacement: string): string {
  return reflectApply(stringReplace, text, [pattern, replacement]) as string;
}

export function upperFirst(text: string): string {
  if (text.length === 0) return text;
  return (reflectApply(stringToUpperCase, text[0], []) as string) + sliceText(text, 1);
}

/**
 * `regexp.test(text)` without `RegExp.prototype.test` (replaceable).
 * Throws a TypeError when `pattern` is not a real RegExp.
 */
export function regexMatches(pattern: RegExp, text: string): boolean {
  // A /g or /y pattern keeps state in lastIndex between calls; start fresh each time.
  pattern.lastIndex = 0;
  return reflectApply(regExpExec, pattern, [text]) !== null;
}

export function regexToText(pattern: RegExp): string {
  return `/${reflectApply(regExpSourceGetter, pattern, []) as string}/${reflectApply(regExpFlagsGetter, pattern, []) as string}`;
}

/** JSON quoting of a string primitive (no toJSON hooks apply to primitives). */
export function quote(text: string): string {
  return jsonStringify(text);
}

export function symbolText(value: symbol): string {
  return reflectApply(symbolToString, value, []) as string;
}

export function toFixed(value: number, digits: number): string {
  return reflectApply(numberToFixed, value, [digits]) as string;
}

export function toPrecision(value: number, digits: number): string {
  return reflectApply(numberToPrecision, value, [digits]) as string;
}

export function toExponential(value: number, digits: number): string {
  return reflectApply(numberToExponential, value, [digits]) as string;
}

/**
 * Registers callbacks on a genuine promise without looking up `then` on it.
 *
 * `await p` and `Promise.resolve(p)` consult `p.constructor` and then `p.then`,
 * both reachable by learner code through `Promise.prototype`. The captured
 * `then` brand-checks `p` and registers the callbacks in the engine's own
 * reaction list, so they fire exactly when `p` really settles. It throws
 * (synchronously) when `p` is not a real promise or its species was tampered
 * with; callers treat that as a failure, never as a pass.
 */
export function whenSettled(
  promise: unknown,
  onFulfilled: (value: unknown) => void,
  onRejected: (reason: unknown) => void,
): void {
  reflectApply(promiseThen, promise, [onFulfilled, onRejected]);
}
