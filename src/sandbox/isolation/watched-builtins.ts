/**
 * The one list of watched built-ins: the objects the runtime and the checks
 * use after learner code has run, so the ones a learner's patch could turn
 * against them (`Array.prototype.every = () => true`,
 * `RegExp.prototype.exec = ...`, `Promise.prototype.then = ...`).
 *
 * Both ends read this list and nothing else:
 * - isolation.ts records it before the learner's code, compares it when the
 *   code's turn ends (a change fails every check as untrusted) and puts it back;
 * - src/grading/integrity.ts compares it before and after each check.
 *
 * Timers and `console` are deliberately not watched: the runtime wraps them.
 * The global object's other properties are restored (isolation.ts) but not
 * watched: libraries add and change globals as they work.
 */
import type { SnapshotTarget } from './hardening.ts';

const { getPrototypeOf } = Object;
const { apply } = Reflect;

/** Global names whose bindings are watched (`globalThis.Math = ...`); their contents are below. */
export const WATCHED_GLOBAL_NAMES: readonly string[] = [
  'Object', 'Array', 'Function', 'Promise', 'JSON', 'Math', 'Reflect', 'Number', 'String',
  'Boolean', 'RegExp', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Error', 'TypeError',
  'Proxy', 'ArrayBuffer', 'Float32Array', 'Int32Array', 'Uint8Array', 'isNaN', 'isFinite',
  'parseFloat', 'parseInt',
];

/** Objects whose own properties are watched exactly: any property added, removed or replaced counts. */
function watchedObjects(): readonly (readonly [string, object])[] {
  const arrayIterator = getPrototypeOf(apply(Array.prototype[Symbol.iterator], [], [])) as object;
  const stringIterator = getPrototypeOf(apply(String.prototype[Symbol.iterator], '', [])) as object;
  return [
    ['Object', Object],
    ['Object.prototype', Object.prototype],
    ['Array', Array],
    ['Array.prototype', Array.prototype],
    ['Array Iterator', arrayIterator],
    ['String Iterator', stringIterator],
    ['Function.prototype', Function.prototype],
    ['Promise', Promise],
    ['Promise.prototype', Promise.prototype],
    ['String.prototype', String.prototype],
    ['Number', Number],
    ['Number.prototype', Number.prototype],
    ['Boolean.prototype', Boolean.prototype],
    ['RegExp.prototype', RegExp.prototype],
    ['Math', Math],
    ['JSON', JSON],
    ['Reflect', Reflect],
    ['Map.prototype', Map.prototype],
    ['Set.prototype', Set.prototype],
    ['Symbol', Symbol],
    ['Symbol.prototype', Symbol.prototype],
    ['Error.prototype', Error.prototype],
  ];
}

/**
 * The watched built-ins as record targets: the global bindings first (named
 * by the bare global, e.g. "Promise"), then each object exactly.
 */
export function watchedBuiltins(globalObject: object): SnapshotTarget[] {
  return [
    { object: globalObject, mode: 'existing', name: '', keys: WATCHED_GLOBAL_NAMES },
    ...watchedObjects().map(([name, object]): SnapshotTarget => ({ object, mode: 'exact', name })),
  ];
}
