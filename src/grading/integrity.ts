/**
 * Notices when the learner's code has replaced a built-in that checks rely on.
 *
 * The grader's own assertions use private copies of built-ins (intrinsics.ts),
 * but a check's test body is ordinary code: `history.loss.every(...)`,
 * `await tensor.data()`, `Math.max(...)`. If learner code replaced
 * `Array.prototype.every` or `Promise.prototype.then`, such a test could pass
 * when it should not. So at module load we record every property of the
 * built-ins below, and before and after each check we compare: any property
 * added, removed or replaced fails the check, naming what changed.
 *
 * Only replacement counts: freezing a built-in (making it read-only) is harmless.
 * Timers and `console` are deliberately not watched: the runtime wraps them.
 */

const reflectOwnKeys = Reflect.ownKeys;
const reflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
const reflectGetPrototypeOf = Reflect.getPrototypeOf;
const symbolToString = Symbol.prototype.toString;
const reflectApply = Reflect.apply;

interface WatchedProperty {
  label: string;
  key: PropertyKey;
  value: unknown;
  get: unknown;
  set: unknown;
}

interface WatchedObject {
  name: string;
  target: object;
  keys: PropertyKey[];
  properties: WatchedProperty[];
}

const arrayIteratorPrototype = reflectGetPrototypeOf([][Symbol.iterator]()) as object;
const stringIteratorPrototype = reflectGetPrototypeOf(''[Symbol.iterator]()) as object;

/** Global names whose bindings are watched (not their contents; those are below). */
const WATCHED_GLOBALS = [
  'Object', 'Array', 'Function', 'Promise', 'JSON', 'Math', 'Reflect', 'Number', 'String',
  'Boolean', 'RegExp', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Error', 'TypeError',
  'Proxy', 'ArrayBuffer', 'Float32Array', 'Int32Array', 'Uint8Array', 'isNaN', 'isFinite',
  'parseFloat', 'parseInt',
] as const;

const WATCHED_OBJECTS: readonly (readonly [string, object])[] = [
  ['Object', Object],
  ['Object.prototype', Object.prototype],
  ['Array', Array],
  ['Array.prototype', Array.prototype],
  ['Array Iterator', arrayIteratorPrototype],
  ['String Iterator', stringIteratorPrototype],
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
  ['Error.prototype', Error.prototype],
];

const globalScope = globalThis as unknown as Record<string, unknown>;
const globalSnapshot: readonly (readonly [string, unknown])[] = WATCHED_GLOBALS.map(
  (name) => [name, globalScope[name]] as const,
);
const objectSnapshot: readonly WatchedObject[] = WATCHED_OBJECTS.map(([name, target]) => snapshot(name, target));

function snapshot(name: string, target: object): WatchedObject {
  const keys = reflectOwnKeys(target);
  const properties: WatchedProperty[] = [];
  for (const key of keys) {
    const descriptor = reflectGetOwnPropertyDescriptor(target, key);
    properties.push({
      label: `${name}${keyLabel(key)}`,
      key,
      value: descriptor?.value,
      get: descriptor?.get,
      set: descriptor?.set,
    });
  }
  return { name, target, keys, properties };
}

/**
 * Returns the name of the first built-in that differs from module load
 * (e.g. "Array.prototype.every"), or undefined when all are intact.
 * Written with plain loops and captured functions only, since the things it
 * inspects are exactly the things that may have been replaced.
 */
export function findReplacedBuiltin(): string | undefined {
  for (let i = 0; i < globalSnapshot.length; i++) {
    const [name, value] = globalSnapshot[i] as readonly [string, unknown];
    if (globalScope[name] !== value) return name;
  }
  for (let i = 0; i < objectSnapshot.length; i++) {
    const watched = objectSnapshot[i] as WatchedObject;
    const keysNow = reflectOwnKeys(watched.target);
    for (let k = 0; k < keysNow.length; k++) {
      if (!contains(watched.keys, keysNow[k] as PropertyKey)) return `${watched.name}${keyLabel(keysNow[k] as PropertyKey)} (added)`;
    }
    for (let p = 0; p < watched.properties.length; p++) {
      const property = watched.properties[p] as WatchedProperty;
      const descriptor = reflectGetOwnPropertyDescriptor(watched.target, property.key);
      if (descriptor === undefined) return `${property.label} (removed)`;
      if (!same(descriptor.value, property.value) || descriptor.get !== property.get || descriptor.set !== property.set) {
        return property.label;
      }
    }
  }
  return undefined;
}

/** `===`, except that NaN (e.g. `Number.NaN`) is the same as itself. */
function same(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}

function contains(keys: readonly PropertyKey[], key: PropertyKey): boolean {
  for (let i = 0; i < keys.length; i++) if (keys[i] === key) return true;
  return false;
}

function keyLabel(key: PropertyKey): string {
  if (typeof key === 'symbol') return `[${reflectApply(symbolToString, key, []) as string}]`;
  return `.${typeof key === 'number' ? `${key}` : key}`;
}
