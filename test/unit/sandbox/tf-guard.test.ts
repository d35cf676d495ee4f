/**
 * What the sandbox records before the learner's code and compares after the
 * checks (src/sandbox/isolation/hardening.ts `guard`, src/sandbox/isolation/tf-guard.ts), on
 * Node's tfjs with the cpu backend: the patches that, in Chromium, made a
 * check read a wrong sum before these guards existed.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { guard, type Guard } from '../../../src/sandbox/isolation/hardening.ts';
import { backendTampering, repairBackends, tfjsTargets } from '../../../src/sandbox/isolation/tf-guard.ts';

const sum = () => tf.tensor([1, 2, 3]).sum().dataSync()[0];

let recorded: Guard;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function record(): Guard {
  recorded = guard(tfjsTargets(tf));
  return recorded;
}

afterEach(() => {
  recorded?.restore();
  repairBackends(tf);
});

describe('guarded objects of TensorFlow.js', () => {
  it('finds nothing changed when nothing was', () => {
    const watch = record();
    expect(sum()).toBe(6);
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    model.predict(tf.ones([1, 1]));
    expect(watch.firstChange()).toBeUndefined();
    expect(backendTampering(tf)).toBeUndefined();
  });

  it('puts back a replaced engine method and names it', () => {
    const watch = record();
    const engine = tf.engine() as unknown as { runKernel: (...args: unknown[]) => unknown };
    const original = engine.runKernel;
    engine.runKernel = function (this: unknown, ...args: unknown[]) {
      return original.apply(this, args);
    };
    expect(watch.firstChange()).toBe('tf.engine().runKernel (added)');
    watch.restore();
    expect(Object.hasOwn(engine, 'runKernel')).toBe(false);
    expect(watch.firstChange()).toBeUndefined();
  });

  it('puts back a method replaced on the engine’s class', () => {
    const watch = record();
    const prototype = Object.getPrototypeOf(tf.engine()) as { runKernel: unknown };
    const original = prototype.runKernel;
    prototype.runKernel = () => tf.scalar(7);
    expect(watch.firstChange()).toBe("tf.engine()'s class.runKernel");
    watch.restore();
    expect(prototype.runKernel).toBe(original);
    expect(sum()).toBe(6);
  });

  it('removes a method planted on a backend, and points the engine back at its real backend', () => {
    record();
    const backend = tf.backend() as unknown as { readSync: (id: unknown) => unknown };
    const read = backend.readSync.bind(backend);
    backend.readSync = (id) => {
      const values = read(id) as Float32Array;
      return values.length === 1 ? new Float32Array([7]) : values;
    };
    expect(sum()).toBe(7);
    expect(backendTampering(tf)).toBe("tf.findBackend('cpu').readSync");
    repairBackends(tf);
    expect(sum()).toBe(6);

    const engine = tf.engine() as unknown as { backendInstance: object };
    const real = engine.backendInstance;
    engine.backendInstance = new Proxy(real, {});
    expect(backendTampering(tf)).toBe('tf.engine().backendInstance');
    repairBackends(tf);
    expect(engine.backendInstance).toBe(real);
  });

  it('puts back a kernel swapped in the registry', () => {
    const watch = record();
    const kernel = tf.getKernel('Sum', 'cpu')!;
    tf.unregisterKernel('Sum', 'cpu');
    tf.registerKernel({ ...kernel, kernelFunc: kernel.kernelFunc });
    expect(watch.firstChange()).toBe("tfjs's kernelRegistry: cpu_Sum");
    watch.restore();
    expect(tf.getKernel('Sum', 'cpu')).toBe(kernel);
  });

  it('deletes a method added to a subclass to shadow its parent’s (exact, not just existing)', () => {
    const watch = record();
    const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
    proto.dataSyncShadow = () => 0;
    (tf.Variable.prototype as unknown as Record<string, unknown>).dataSync = () => new Float32Array([7]);
    expect(watch.firstChange()).toMatch(/^tf\.Tensor\.prototype\.dataSyncShadow \(added\)$|^tf\.Variable\.prototype\.dataSync \(added\)$/);
    watch.restore();
    expect(Object.hasOwn(proto, 'dataSyncShadow')).toBe(false);
    expect(Object.hasOwn(tf.Variable.prototype, 'dataSync')).toBe(false);
  });
});

describe('guard modes', () => {
  it("'methods' watches only functions: a live object's data may change", () => {
    const live: Record<string, unknown> = { count: 1, step() {} };
    const watch = guard([{ object: live, mode: 'methods', name: 'live' }]);
    live.count = 2;
    live.extra = 'data';
    expect(watch.firstChange()).toBeUndefined();
    live.helper = () => 1;
    expect(watch.firstChange()).toBe('live.helper (added)');
    live.step = () => 2;
    watch.restore();
    expect(live).toMatchObject({ count: 2, extra: 'data' });
    expect(Object.hasOwn(live, 'helper')).toBe(false);
    expect(watch.firstChange()).toBeUndefined();
  });

  it("'map' puts entries back and names the first that differs", () => {
    const map = new Map<string, unknown>([['a', 1], ['b', 2]]);
    const watch = guard([{ object: map, mode: 'map', name: 'the map' }]);
    map.set('b', 3);
    expect(watch.firstChange()).toBe('the map: b');
    map.set('c', 4);
    watch.restore();
    expect([...map]).toEqual([['a', 1], ['b', 2]]);
    map.set('z', 0);
    expect(watch.firstChange()).toBe('the map (an added entry)');
  });

  it('counts NaN as unchanged (self.NaN is NaN)', () => {
    const holder = { value: Number.NaN };
    const watch = guard([{ object: holder, mode: 'existing', name: 'holder' }]);
    expect(watch.firstChange()).toBeUndefined();
  });
});
