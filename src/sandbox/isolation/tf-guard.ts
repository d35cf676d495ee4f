/**
 * The TensorFlow.js objects a learner's code could patch to make a check
 * read wrong numbers, for hardening.ts to record before the code runs, put
 * back before the checks and compare after them.
 *
 * Measured in Chromium before this module existed, each of these made a
 * check that reads `tf.tensor([1, 2, 3]).sum()` see 7: replacing
 * `tf.engine().runKernel`, the same method on the engine's prototype, and
 * `tf.backend().readSync`. Every op goes through the engine, every read
 * through a backend, every kernel through the registry: guarding those
 * guards the maths, whatever op a check calls.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { SnapshotTarget } from './hardening.ts';

const { getOwnPropertyDescriptor, getPrototypeOf } = Object;
const { ownKeys, deleteProperty } = Reflect;

type Tf = typeof tfjs;

/** A class whose prototype is guarded, e.g. the wasm backend's (not re-exported by @tensorflow/tfjs). */
export interface GuardedClass {
  name: string;
  prototype: object;
}

/** Record targets: class prototypes exactly, live objects by their methods, registries by their entries. */
export function tfjsTargets(tf: Tf, extraClasses: readonly GuardedClass[] = []): SnapshotTarget[] {
  const exact = (object: object | undefined, name: string): SnapshotTarget[] => (object ? [{ object, mode: 'exact', name }] : []);
  const engine = tf.engine();
  const environment = tf.env();
  const registries = (globalThis as { _tfGlobals?: Map<string, unknown> })._tfGlobals;
  const maps: SnapshotTarget[] = [];
  if (registries instanceof Map) {
    maps.push({ object: registries, mode: 'map', name: "tfjs's registries" });
    for (const key of ['kernelRegistry', 'gradRegistry']) {
      const registry = registries.get(key);
      if (registry instanceof Map) maps.push({ object: registry, mode: 'map', name: `tfjs's ${key}` });
    }
  }
  const classes: GuardedClass[] = [
    { name: 'tf.Tensor', prototype: tf.Tensor.prototype },
    { name: 'tf.Variable', prototype: tf.Variable.prototype },
    { name: 'tf.LayersModel', prototype: tf.LayersModel.prototype },
    { name: 'tf.Sequential', prototype: tf.Sequential.prototype },
    { name: 'tf.layers.Layer', prototype: tf.layers.Layer.prototype },
    { name: 'tf.SymbolicTensor', prototype: tf.SymbolicTensor.prototype },
    { name: 'tf.Optimizer', prototype: tf.Optimizer.prototype },
    { name: 'tf.KernelBackend', prototype: tf.KernelBackend.prototype },
    { name: 'tf.MathBackendCPU', prototype: tf.MathBackendCPU.prototype },
    { name: 'tf.MathBackendWebGL', prototype: tf.MathBackendWebGL.prototype },
    ...extraClasses,
  ];
  const registry = (engine as unknown as { registry?: object }).registry;
  return [
    ...classes.flatMap((c) => exact(c.prototype, `${c.name}.prototype`)),
    ...exact(tf.train, 'tf.train'),
    { object: engine, mode: 'methods', name: 'tf.engine()' },
    // Backends started during the run are added; the ones there before must stay themselves.
    ...(registry ? [{ object: registry, mode: 'existing', name: 'tf.engine().registry' } satisfies SnapshotTarget] : []),
    ...exact(getPrototypeOf(engine) as object, "tf.engine()'s class"),
    { object: environment, mode: 'methods', name: 'tf.env()' },
    ...exact(getPrototypeOf(environment) as object, "tf.env()'s class"),
    ...maps,
  ];
}

interface EngineInternals {
  registry?: Record<string, unknown>;
  backendName?: string;
  backendInstance?: unknown;
}

/**
 * What is wrong with the backends now, beyond what the record covers:
 * backends keep their methods on their classes (checked for cpu, wasm and
 * webgl), so an own function-valued property on a backend instance is a
 * patch; and the engine must compute with the backend registered under the
 * name it uses (not, say, a Proxy put in its place). Backends may be created
 * while the learner's code runs (setBackend), after the record was taken:
 * this looks at every backend there is now.
 */
export function backendTampering(tf: Tf): string | undefined {
  const engine = tf.engine() as unknown as EngineInternals;
  const active = engine.backendName === undefined ? undefined : ownValue(engine.registry, engine.backendName);
  if (active !== undefined && engine.backendInstance !== active) return 'tf.engine().backendInstance';
  for (const [name, backend] of backends(engine)) {
    for (const key of ownKeys(backend)) {
      if (typeof getOwnPropertyDescriptor(backend, key)?.value === 'function') return `tf.findBackend('${name}').${String(key)}`;
    }
  }
  return undefined;
}

/** Undoes what backendTampering reports: own methods deleted, the engine pointed back at its registered backend. */
export function repairBackends(tf: Tf): void {
  const engine = tf.engine() as unknown as EngineInternals;
  for (const [, backend] of backends(engine)) {
    for (const key of ownKeys(backend)) {
      if (typeof getOwnPropertyDescriptor(backend, key)?.value !== 'function') continue;
      try {
        deleteProperty(backend, key);
      } catch {
        /* non-configurable: the comparison after the checks still reports it */
      }
    }
  }
  const active = engine.backendName === undefined ? undefined : ownValue(engine.registry, engine.backendName);
  if (active !== undefined && engine.backendInstance !== active) {
    try {
      engine.backendInstance = active;
    } catch {
      /* frozen engine: reported after the checks */
    }
  }
}

function ownValue(object: object | undefined, key: string): unknown {
  return object && typeof object === 'object' ? getOwnPropertyDescriptor(object, key)?.value : undefined;
}

function backends(engine: EngineInternals): [string, object][] {
  const registry = engine.registry;
  if (!registry || typeof registry !== 'object') return [];
  const found: [string, object][] = [];
  for (const name of ownKeys(registry)) {
    const backend = getOwnPropertyDescriptor(registry, name)?.value;
    if (typeof name === 'string' && typeof backend === 'object' && backend !== null) found.push([name, backend as object]);
  }
  return found;
}
