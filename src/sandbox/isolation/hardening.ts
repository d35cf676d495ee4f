/**
 * Records of objects, to put them back or compare them later: the mechanism
 * isolation.ts (the run's phases) and src/grading/integrity.ts (each check)
 * use on the one list in watched-builtins.ts, and on tfjs's machinery
 * (tf-guard.ts).
 *
 * Learner code runs in the same realm as the checks and the result channel.
 * `Object.prototype.then = ...` would make every result "thenable" and hang
 * the run; `Array.prototype.push = null` would break the checks. Before the
 * run we record the own properties of the objects that matter; after the
 * learner code we put them back. Learner-made changes are therefore gone when
 * the checks run (a learner export that depends on patching Array.prototype
 * will not see its patch in the checks; that is the price of honest grading).
 *
 * The restore code itself only uses functions captured when this module
 * loaded (before any learner code) and index loops, never iterators or
 * prototype methods, because those are exactly what may be broken.
 */

const { getOwnPropertyDescriptor, defineProperty, getPrototypeOf, setPrototypeOf, is } = Object;
const { ownKeys, deleteProperty, apply } = Reflect;
const mapForEach = Map.prototype.forEach;
const mapClear = Map.prototype.clear;
const mapSet = Map.prototype.set;
const mapGet = Map.prototype.get;
const mapHas = Map.prototype.has;
const mapSize = getOwnPropertyDescriptor(Map.prototype, 'size')!.get!;

export interface SnapshotTarget {
  object: object;
  /**
   * 'exact': properties the learner added are deleted too (for Object.prototype,
   * Array.prototype...). 'existing': only pre-existing properties are put back,
   * additions stay (for objects libraries legitimately extend at runtime, like globalThis).
   * 'methods': only function-valued own properties count: replaced ones are put
   * back, added ones deleted, data left alone (for live objects whose state
   * changes as they work, like tfjs's engine and backends).
   * 'map': `object` is a Map whose entries are put back (tfjs's kernel registry).
   */
  mode: 'exact' | 'existing' | 'methods' | 'map';
  /**
   * How messages name it, e.g. "Array.prototype"; "an object" by default.
   * '' names properties by their bare key (the global bindings: "Promise").
   */
  name?: string;
  /** Only these own properties count (recorded, restored, compared); others are left alone. */
  keys?: readonly PropertyKey[];
}

interface Saved {
  target: SnapshotTarget;
  prototype: object | null;
  keys: PropertyKey[];
  descriptors: (PropertyDescriptor | undefined)[];
  /** 'map' targets: the entries, as two parallel lists. */
  entries?: { keys: unknown[]; values: unknown[] };
}

export interface Guard {
  /** Puts every target back as recorded (may be called more than once). */
  restore(): void;
  /**
   * The first guarded property that is not as recorded, e.g. "Array.prototype.every",
   * "Object.prototype.then (added)"; undefined when none. Only replacement counts:
   * a property made read-only or non-enumerable with the same value is unchanged.
   */
  firstChange(): string | undefined;
}

/** Records the targets now; the returned function restores them (it may be called more than once). */
export function snapshot(targets: readonly SnapshotTarget[]): () => void {
  return guard(targets).restore;
}

/** Records the targets now, to put them back later or to find what changed since. */
export function guard(targets: readonly SnapshotTarget[]): Guard {
  const saved: Saved[] = [];
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    const keys = target.mode === 'map' ? [] : target.keys ? copyKeys(target.keys) : ownKeys(target.object);
    const descriptors: (PropertyDescriptor | undefined)[] = [];
    for (let k = 0; k < keys.length; k++) descriptors[k] = getOwnPropertyDescriptor(target.object, keys[k]!);
    saved[i] = {
      target,
      prototype: getPrototypeOf(target.object) as object | null,
      keys,
      descriptors,
      ...(target.mode === 'map' ? { entries: mapEntries(target.object as Map<unknown, unknown>) } : {}),
    };
  }
  return {
    restore() {
      for (let i = 0; i < saved.length; i++) restoreOne(saved[i]!);
    },
    firstChange() {
      for (let i = 0; i < saved.length; i++) {
        const change = changeIn(saved[i]!);
        if (change !== undefined) return label(saved[i]!.target.name ?? 'an object', change);
      }
      return undefined;
    },
  };
}

function copyKeys(keys: readonly PropertyKey[]): PropertyKey[] {
  const copy: PropertyKey[] = [];
  for (let i = 0; i < keys.length; i++) defineProperty(copy, i, { value: keys[i], writable: true, enumerable: true, configurable: true });
  return copy;
}

/** "Array.prototype" + ".every" -> "Array.prototype.every"; "" + ".Promise" -> "Promise". */
function label(name: string, change: string): string {
  if (name !== '') return `${name}${change}`;
  return change[0] === '.' ? apply(stringSlice, change, [1]) as string : change;
}
const stringSlice = String.prototype.slice;

function mapEntries(map: Map<unknown, unknown>): { keys: unknown[]; values: unknown[] } {
  const keys: unknown[] = [];
  const values: unknown[] = [];
  let n = 0;
  apply(mapForEach, map, [
    (value: unknown, key: unknown) => {
      defineProperty(keys, n, { value: key, writable: true, enumerable: true, configurable: true });
      defineProperty(values, n++, { value, writable: true, enumerable: true, configurable: true });
    },
  ]);
  return { keys, values };
}

const isFunctionValued = (descriptor: PropertyDescriptor | undefined): boolean => typeof descriptor?.value === 'function';

/** Whether `key` counts for this target (for 'methods': function-valued, now or before). */
function counts(saved: Saved, key: PropertyKey, now: PropertyDescriptor | undefined): boolean {
  if (saved.target.mode !== 'methods') return true;
  const index = indexOfKey(saved.keys, key);
  return isFunctionValued(now) || (index !== -1 && isFunctionValued(saved.descriptors[index]));
}

function restoreOne(saved: Saved): void {
  const object = saved.target.object;
  try {
    if (getPrototypeOf(object) !== saved.prototype) setPrototypeOf(object, saved.prototype);
  } catch {
    // Frozen or non-extensible by the learner: nothing more we can do here.
  }
  if (saved.entries) {
    restoreMap(object as Map<unknown, unknown>, saved.entries);
    return;
  }
  if ((saved.target.mode === 'exact' || saved.target.mode === 'methods') && !saved.target.keys) {
    const now = ownKeys(object);
    for (let k = 0; k < now.length; k++) {
      const key = now[k]!;
      if (!containsKey(saved.keys, key) && counts(saved, key, getOwnPropertyDescriptor(object, key))) {
        try {
          deleteProperty(object, key);
        } catch {
          /* non-configurable addition: leave it */
        }
      }
    }
  }
  for (let k = 0; k < saved.keys.length; k++) {
    const key = saved.keys[k]!;
    const before = saved.descriptors[k];
    const after = getOwnPropertyDescriptor(object, key);
    if (!before) {
      // A listed key that did not exist (target.keys): an addition, removed again.
      if (after && saved.target.keys) {
        try {
          deleteProperty(object, key);
        } catch {
          /* non-configurable addition: leave it */
        }
      }
      continue;
    }
    if (after && sameDescriptor(before, after)) continue;
    if (!counts(saved, key, after)) continue;
    try {
      defineProperty(object, key, before);
    } catch {
      /* made non-configurable by the learner: leave it */
    }
  }
}

function restoreMap(map: Map<unknown, unknown>, entries: { keys: unknown[]; values: unknown[] }): void {
  if (!mapDiffers(map, entries)) return;
  apply(mapClear, map, []);
  for (let i = 0; i < entries.keys.length; i++) apply(mapSet, map, [entries.keys[i], entries.values[i]]);
}

/** The first entry that differs ({ key }), { } when only the size does, undefined when none. */
function mapDiffers(map: Map<unknown, unknown>, entries: { keys: unknown[]; values: unknown[] }): { key?: unknown } | undefined {
  for (let i = 0; i < entries.keys.length; i++) {
    const key = entries.keys[i];
    if (!apply(mapHas, map, [key]) || apply(mapGet, map, [key]) !== entries.values[i]) return { key };
  }
  return apply(mapSize, map, []) !== entries.keys.length ? {} : undefined;
}

/** What differs from the record: "" for the object itself, ".key" for a property; undefined when nothing. */
function changeIn(saved: Saved): string | undefined {
  const object = saved.target.object;
  if (getPrototypeOf(object) !== saved.prototype) return ' (its prototype)';
  if (saved.entries) {
    const differs = mapDiffers(object as Map<unknown, unknown>, saved.entries);
    if (!differs) return undefined;
    return typeof differs.key === 'string' ? `: ${differs.key}` : ' (an added entry)';
  }
  if ((saved.target.mode === 'exact' || saved.target.mode === 'methods') && !saved.target.keys) {
    const now = ownKeys(object);
    for (let k = 0; k < now.length; k++) {
      const key = now[k]!;
      if (!containsKey(saved.keys, key) && counts(saved, key, getOwnPropertyDescriptor(object, key))) return `${propertyName(key)} (added)`;
    }
  }
  for (let k = 0; k < saved.keys.length; k++) {
    const key = saved.keys[k]!;
    const before = saved.descriptors[k];
    const after = getOwnPropertyDescriptor(object, key);
    if (!before) {
      if (after && saved.target.keys) return `${propertyName(key)} (added)`;
      continue;
    }
    if (!after) {
      if (counts(saved, key, after)) return `${propertyName(key)} (removed)`;
      continue;
    }
    if (sameValue(before, after)) continue;
    if (counts(saved, key, after)) return propertyName(key);
  }
  return undefined;
}

function propertyName(key: PropertyKey): string {
  return typeof key === 'symbol' ? `[${key.description ?? 'symbol'}]` : `.${String(key)}`;
}

function indexOfKey(keys: readonly PropertyKey[], key: PropertyKey): number {
  for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
  return -1;
}

function containsKey(keys: readonly PropertyKey[], key: PropertyKey): boolean {
  return indexOfKey(keys, key) !== -1;
}

/** Same value or accessors (attributes aside: freezing is not replacing). */
function sameValue(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return (
    is(a.value, b.value) && // NaN is NaN (self.NaN)
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable &&
    a.enumerable === b.enumerable &&
    a.configurable === b.configurable
  );
}

/**
 * Makes `self.close()` throw instead of ending the worker: a worker that
 * closes itself vanishes without any event on the page, which could only be
 * told apart from a slow run by the time limit. The method is replaced on
 * every object of the global's prototype chain that has it, non-configurable,
 * so learner code cannot reach the original.
 */
export function lockClose(globalObject: object, message: string): void {
  const refuse = function close(): never {
    throw new Error(message);
  };
  for (let object: object | null = globalObject; object; object = getPrototypeOf(object) as object | null) {
    if (getOwnPropertyDescriptor(object, 'close')) {
      defineProperty(object, 'close', { value: refuse, writable: false, configurable: false, enumerable: true });
    }
  }
}
