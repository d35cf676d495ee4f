/**
 * The probe must be valid learner code (same transpiler, same runner as the
 * site) and must time a real fit without changing its result.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as grading from 'grading';
import { createInProcessRunner } from '../../../src/sandbox/in-process/in-process-runner.ts';
import { transpile } from '../../../src/sandbox/worker/transpile.ts';
import { instrument, readProbeReport, BENCH_MARK } from '../../../bench/lib/probe.ts';
import { probeSource, withParams } from '../../../bench/lib/probe-source.ts';

const PROGRAM = [
  "import * as tf from '@tensorflow/tfjs';",
  'const model = tf.sequential();',
  "model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu', name: 'base' }));",
  "model.add(tf.layers.dense({ units: 2, activation: 'softmax', name: 'new_head' }));",
  'const xs = tf.randomNormal([40, 3]);',
  "const ys = tf.oneHot(tf.randomUniform([40], 0, 2, 'int32'), 2);",
  'model.layers[0]!.trainable = false;',
  "model.compile({ optimizer: tf.train.momentum(0.05, 0.9), loss: 'categoricalCrossentropy' });",
  'let seen = 0;',
  'await model.fit(xs, ys, { epochs: 3, batchSize: 8, callbacks: { onEpochEnd: () => { seen++; } } });',
  'export const callbacks = seen;',
].join('\n');

const CHECKS = [
  "import { defineChecks, expect } from 'grading';",
  "export default defineChecks([{ title: 'the learner callback ran every epoch', test({ exports }) { expect(exports.callbacks).toBe(3); } }]);",
].join('\n');

describe('bench probe', () => {
  it('compiles as learner code, with and without the heap hold', () => {
    for (const holdForHeap of [false, true]) {
      const result = transpile(instrument('export const x = 1;', { holdForHeap }), { file: 'code', modules: ['@tensorflow/tfjs', 'lab'] });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
  });

  it('reports a run with more fits than one log line holds (the sweep: 10 fits; here 16, the report over the line cap)', async () => {
    const runner = createInProcessRunner({ tf, grading });
    const events: unknown[] = [];
    const manyFits = PROGRAM.replace(
      'await model.fit(xs, ys, { epochs: 3, batchSize: 8, callbacks: { onEpochEnd: () => { seen++; } } });',
      'for (let i = 0; i < 16; i++) await model.fit(xs, ys, { epochs: 50, batchSize: 40 });',
    );
    const result = await runner.run(
      { exercise: 'bench/probe', code: instrument(manyFits), checks: CHECKS.replace('toBe(3)', 'toBe(0)'), backend: 'cpu', timeLimitMs: 20_000, assetBase: 'file:///' },
      { onEvent: (e) => events.push(e) },
    );
    expect(result.status, JSON.stringify(result.error)).toBe('ok');
    const lines = events.filter((e) => (e as { type?: string; text?: string }).type === 'log' && (e as { text: string }).text.startsWith(BENCH_MARK));
    expect(lines.length).toBeGreaterThan(1);
    const report = readProbeReport(events)!;
    expect(report.fits).toHaveLength(16);
    expect(report.fits.every((fit) => fit.epochEnds.length === 50)).toBe(true);
  });

  it('records each fit (epochs, batch, trainable layers, optimizer) and keeps the learner callbacks working', async () => {
    const runner = createInProcessRunner({ tf, grading });
    const events: unknown[] = [];
    const result = await runner.run(
      { exercise: 'bench/probe', code: instrument(PROGRAM), checks: CHECKS, backend: 'cpu', timeLimitMs: 20_000, assetBase: 'file:///' },
      { onEvent: (e) => events.push(e) },
    );
    expect(result.status, JSON.stringify(result.error)).toBe('ok');
    const report = readProbeReport(events)!;
    expect(report).toBeDefined();
    expect(report.backend).toBe('cpu');
    expect(report.fits).toHaveLength(1);
    const fit = report.fits[0]!;
    expect(fit.epochEnds).toHaveLength(3);
    expect(fit).toMatchObject({ samples: 40, batchSize: 8, epochs: 3, trainable: ['new_head'], optimizer: { name: 'Momentum', learningRate: 0.05, momentum: 0.9 } });
    // No pretrained weights were loaded in this program.
    expect(fit).toMatchObject({ pretrainedModel: false, pretrainedTrained: [] });
    expect(fit.start).toBeGreaterThanOrEqual(report.start);
    expect(fit.end).toBeLessThanOrEqual(report.end);
    // The learner's own callback still ran once per epoch.
    expect(result.checks?.map((c) => c.status)).toEqual(['pass']);
    expect(events.filter((e) => (e as { text?: string }).text?.startsWith(BENCH_MARK))).toHaveLength(1);
    runner.dispose();
  });

  it('reads no report from a run that did not print one', () => {
    expect(readProbeReport([{ type: 'log', text: 'hello' }])).toBeUndefined();
  });
});

describe('probe programs', () => {
  it('replaces the PARAMS line, keeping defaults for keys not given', () => {
    const source = withParams(probeSource('throughput'), { trainSamples: 8, epochs: 2 });
    const line = source.split('\n').find((l) => l.startsWith('const PARAMS'))!;
    expect(line).toContain('"trainSamples":8');
    expect(line).toContain('"epochs":2');
    expect(line).toContain('"batchSize":16');
    expect(line).toContain('"cutAt":"features"');
    expect(line.endsWith('// bench:params')).toBe(true);
  });

  it('refuses an unknown parameter and a source without the PARAMS line', () => {
    expect(() => withParams(probeSource('transfer'), { nope: 1 })).toThrow(/Unknown probe parameter "nope"/);
    expect(() => withParams('export const x = 1;', {})).toThrow(/bench:params/);
  });

  it('compiles every probe as learner code', () => {
    for (const name of ['throughput', 'transfer'] as const) {
      const result = transpile(probeSource(name), { file: 'code', modules: ['@tensorflow/tfjs', 'lab'] });
      expect(result.ok, `${name}: ${JSON.stringify(result)}`).toBe(true);
    }
  });
});
