import { describe, expect, it } from 'vitest';
import { currentBackend, detectWasmSimd, selectBackend, wasmNote, type TfForBackends } from '../../../src/sandbox/worker/backends.ts';

/** A tfjs stand-in whose backends start or fail as told. */
function fakeTf(starts: Record<string, boolean | 'throws' | 'missing'>): TfForBackends & { tried: string[] } {
  let current = '';
  const tried: string[] = [];
  return {
    tried,
    getBackend: () => current,
    findBackendFactory: (name) => (starts[name] === undefined || starts[name] === 'missing' ? null : () => ({})),
    async setBackend(name) {
      tried.push(name);
      if (starts[name] === 'throws') throw new Error('boom');
      if (starts[name]) current = name;
      return starts[name] === true;
    },
  };
}

describe('selectBackend', () => {
  it("'auto' prefers wasm, then webgl, then cpu", async () => {
    expect((await selectBackend(fakeTf({ wasm: true, webgl: true, cpu: true }), 'auto')).backend).toBe('wasm');
    const noWasm = fakeTf({ wasm: false, webgl: true, cpu: true });
    expect(await selectBackend(noWasm, 'auto')).toEqual({ backend: 'webgl' });
    expect(noWasm.tried).toEqual(['wasm', 'webgl']);
    expect((await selectBackend(fakeTf({ wasm: 'throws', webgl: 'missing', cpu: true }), 'auto')).backend).toBe('cpu');
  });

  it('says why an explicit choice was not honoured', async () => {
    const selection = await selectBackend(fakeTf({ wasm: 'missing', webgl: false, cpu: true }), 'webgl');
    expect(selection).toEqual({ backend: 'cpu', note: 'webgl could not start; wasm is not loaded here; using cpu instead' });
  });

  it('notes SIMD for wasm and runs the preparation first', async () => {
    const order: string[] = [];
    const tf = fakeTf({ wasm: true });
    const selection = await selectBackend(tf, 'wasm', { prepare: { wasm: () => void order.push('prepare') } });
    expect(order).toEqual(['prepare']);
    expect(selection.note).toBe(detectWasmSimd() ? 'SIMD' : 'no SIMD (slower)');
    expect(currentBackend(tf)).toBe('wasm');
  });

  it('wraps the wasm initialisation and names its threads in the note', async () => {
    const order: string[] = [];
    const tf = fakeTf({ wasm: true });
    const selection = await selectBackend(tf, 'wasm', {
      around: {
        wasm: async (init) => {
          order.push('before');
          const started = await init();
          order.push('after');
          return started;
        },
      },
      wasmThreads: () => 2,
    });
    expect(order).toEqual(['before', 'after']);
    expect(tf.tried).toEqual(['wasm']);
    expect(selection.note).toBe('SIMD · 2 threads');
    expect(wasmNote(1)).toBe('SIMD · 1 thread');
  });

  it('fails loudly when nothing can start', async () => {
    await expect(selectBackend(fakeTf({ cpu: false }), 'auto')).rejects.toThrow(/No TensorFlow.js backend could start/);
  });

  it('detects wasm SIMD in this Node (V8 has had it since 9.1)', () => {
    expect(detectWasmSimd()).toBe(true);
  });
});
