/**
 * Undoing what learner code did to the shared built-ins before the runtime
 * relies on them again.
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

const { getOwnPropertyDescriptor, defineProperty, getPrototypeOf, setPrototypeOf } = Object;
const { ownKeys, deleteProperty, apply } = Reflect;

export interface SnapshotTarget {
  object: object;
  /**
   * 'exact': properties the learner added are deleted too (for Object.prototype,
   * Array.prototype...). 'existing': only pre-existing properties are put back,
   * additions stay (for objects libraries legitimately extend at runtime, like globalThis).
   */
  mode: 'exact' | 'existing';
}

interface Saved {
  target: SnapshotTarget;
  prototype: object | null;
  keys: PropertyKey[];
  descriptors: (PropertyDescriptor | undefined)[];
}

/** Records the targets now; the returned function restores them (it may be called more than once). */
export function snapshot(targets: readonly SnapshotTarget[]): () => void {
  const saved: Saved[] = [];
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    const keys = ownKeys(target.object);
    const descriptors: (PropertyDescriptor | undefined)[] = [];
    for (let k = 0; k < keys.length; k++) descriptors[k] = getOwnPropertyDescriptor(target.object, keys[k]!);
    saved[i] = { target, prototype: getPrototypeOf(target.object) as object | null, keys, descriptors };
  }
  return () => {
    for (let i = 0; i < saved.length; i++) restoreOne(saved[i]!);
  };
}

function restoreOne(saved: Saved): void {
  const object = saved.target.object;
  try {
    if (getPrototypeOf(object) !== saved.prototype) setPrototypeOf(object, saved.prototype);
  } catch {
    // Frozen or non-extensible by the learner: nothing more we can do here.
  }
  if (saved.target.mode === 'exact') {
    const now = ownKeys(object);
    for (let k = 0; k < now.length; k++) {
      const key = now[k]!;
      if (!containsKey(saved.keys, key)) {
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
    if (!before) continue;
    const after = getOwnPropertyDescriptor(object, key);
    if (after && sameDescriptor(before, after)) continue;
    try {
      defineProperty(object, key, before);
    } catch {
      /* made non-configurable by the learner: leave it */
    }
  }
}

function containsKey(keys: readonly PropertyKey[], key: PropertyKey): boolean {
  for (let i = 0; i < keys.length; i++) if (keys[i] === key) return true;
  return false;
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return (
    a.value === b.value &&
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable &&
    a.enumerable === b.enumerable &&
    a.configurable === b.configurable
  );
}

/** The built-ins the runtime and the checks use after learner code has run. */
export function builtinTargets(globalObject: object): SnapshotTarget[] {
  const exact = (object: object): SnapshotTarget => ({ object, mode: 'exact' });
  const arrayIteratorPrototype = getPrototypeOf(apply(Array.prototype[Symbol.iterator], [], [])) as object;
  return [
    exact(Object.prototype),
    exact(Array.prototype),
    exact(arrayIteratorPrototype),
    exact(Function.prototype),
    exact(Promise.prototype),
    exact(Promise),
    exact(Object),
    exact(Array),
    exact(JSON),
    exact(Math),
    exact(Reflect),
    exact(String.prototype),
    exact(Number.prototype),
    exact(Boolean.prototype),
    exact(Symbol.prototype),
    exact(Error.prototype),
    exact(Map.prototype),
    exact(Set.prototype),
    { object: globalObject, mode: 'existing' },
  ];
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
