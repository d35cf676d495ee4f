import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, SECTIONS } from '../../../bench/lib/args.ts';
import { distFileFor, fileBytes, kindOf, sumByKind, type Transfer } from '../../../bench/lib/bytes.ts';
import { bestBackend, evaluateTargets, exerciseKind, LIMITS } from '../../../bench/lib/targets.ts';
import type { BenchResults } from '../../../bench/lib/results.ts';
import type { ExerciseCell } from '../../../bench/sections/exercises.ts';
import { summarize } from '../../../bench/lib/stats.ts';
import { markdownReport } from '../../../bench/lib/report.ts';

describe('bench arguments', () => {
  it('defaults to every section, 5 runs, bench/results.json', () => {
    expect(parseArgs([])).toMatchObject({ quick: false, only: [...SECTIONS], runs: 5, out: 'bench/results.json', memoryRuns: 20 });
  });

  it('quick mode is one small pass written apart from the committed results', () => {
    expect(parseArgs(['--quick'])).toMatchObject({ quick: true, runs: 1, out: 'bench/tmp/results-quick.json', memoryRuns: 3 });
  });

  it('reads --only, --runs, --dist and --out, and rejects what it does not know', () => {
    expect(parseArgs(['--only', 'pages,memory', '--runs', '3', '--dist', 'dist', '--out', 'x.json'])).toMatchObject({ only: ['pages', 'memory'], runs: 3, dist: 'dist', out: 'x.json' });
    expect(() => parseArgs(['--only', 'everything'])).toThrow(/Unknown section "everything"/);
    expect(() => parseArgs(['--runs', '0'])).toThrow(/--runs/);
    expect(() => parseArgs(['--runs'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--fast'])).toThrow(/Unknown option --fast/);
  });
});

describe('bytes', () => {
  it('classifies resources by their path', () => {
    expect(kindOf('http://x/_astro/a.js')).toBe('js');
    expect(kindOf('http://x/lessons/a/')).toBe('html');
    expect(kindOf('http://x/a.wasm')).toBe('wasm');
    expect(kindOf('http://x/models/m/weights.bin')).toBe('data');
  });

  it('maps served URLs to built files under a base path, and sizes them compressed', () => {
    const dist = mkdtempSync(join(tmpdir(), 'bench-bytes-'));
    mkdirSync(join(dist, 'lessons/a'), { recursive: true });
    writeFileSync(join(dist, 'lessons/a/index.html'), '<p>'.repeat(1000));
    const site = 'http://127.0.0.1:1/ml-course/';
    const file = distFileFor(`${site}lessons/a/`, site, dist);
    expect(file).toBe(join(dist, 'lessons/a/index.html'));
    expect(distFileFor('http://elsewhere/lessons/a/', site, dist)).toBeUndefined();
    const sizes = fileBytes(file!);
    expect(sizes.raw).toBe(3000);
    expect(sizes.gzip).toBeLessThan(100);
    expect(sizes.brotli).toBeLessThan(100);
  });

  it('sums by kind and in total', () => {
    const t = (url: string, raw: number): Transfer => ({ url, kind: kindOf(url), raw, gzip: raw / 2, brotli: raw / 4 });
    const sums = sumByKind([t('http://x/a.js', 100), t('http://x/b.js', 50), t('http://x/c.css', 10)]);
    expect(sums.js).toEqual({ raw: 150, gzip: 75, brotli: 37.5 });
    expect(sums.total.raw).toBe(160);
  });
});

function cell(exercise: string, backend: ExerciseCell['backend'], wall: number[], trainable?: string[][]): ExerciseCell {
  const s = summarize(wall);
  const zero = summarize([0]);
  return {
    exercise,
    backend,
    runs: wall.length,
    checks: wall.map(() => '1/1'),
    problems: [],
    phases: { wall: s, load: zero, setup: zero, warmup: zero, train: zero, after: zero, checks: zero, overhead: zero },
    runMs: s,
    tensorsAdded: [],
    ...(trainable ? { fits: trainable.map((names) => ({ trainable: names, samples: 100, batchSize: 16, epochs: 5 })) } : {}),
  };
}

describe('targets', () => {
  const base = new Set(['conv1', 'conv2', 'dense', 'head']);

  it('tells head-only exercises from fine-tuning ones by what their fits trained', () => {
    expect(exerciseKind(undefined, base)).toBe('no-training');
    // As the probe records it: which trained layers held pretrained weights.
    const head = { trainable: ['new_head'], pretrainedModel: true, pretrainedTrained: [] };
    const tune = { trainable: ['conv2', 'new_head'], pretrainedModel: true, pretrainedTrained: ['conv2'] };
    const scratch = { trainable: ['conv1', 'conv2', 'new_head'], pretrainedModel: false, pretrainedTrained: [] };
    expect(exerciseKind([head], base)).toBe('head-only');
    expect(exerciseKind([head, tune], base)).toBe('fine-tune');
    // Same layer names, random weights: training from scratch is not fine-tuning.
    expect(exerciseKind([scratch, head], base)).toBe('other');
    // Older results without the probe's pretrained marks: by layer names.
    expect(exerciseKind([{ trainable: ['new_head'] }], base)).toBe('head-only');
    expect(exerciseKind([{ trainable: ['new_head'] }, { trainable: ['dense', 'new_head'] }], base)).toBe('fine-tune');
  });

  it('picks the backend that finished every training exercise fastest', () => {
    const cells = [
      cell('light', 'webgl', [100]),
      cell('a', 'wasm', [3000], [['new_head']]),
      cell('b', 'wasm', [4000], [['dense']]),
      cell('b', 'webgl', [1000], [['dense']]),
      cell('a', 'webgl', [9000], [['new_head']]),
      cell('b', 'cpu', [500], [['dense']]),
    ];
    // cpu did not run exercise a, so it cannot be best even though its one number is smallest;
    // exercises that do not train do not count.
    expect(bestBackend(cells)).toBe('wasm');
    expect(bestBackend([...cells, cell('a', 'cpu', [100], [['new_head']])])).toBe('cpu');
  });

  it('checks the time targets against the best backend and says by how much they are missed', () => {
    const results: BenchResults = {
      schema: 1,
      date: 'now',
      mode: 'full',
      command: 'test',
      machine: { cores: 2, cpuModel: 'x', memoryGB: 1, loadAverageStart: 0, node: 'v24', browser: 'Chromium', tfjs: '4.22.0', commit: 'abc' },
      sectionSeconds: {},
      skipped: {},
      exercises: [cell('head', 'wasm', [1500, 1600, 1700], [['new_head']]), cell('tune', 'wasm', [6000, 6500, 7000], [['new_head'], ['dense', 'new_head']])],
    };
    const rows = evaluateTargets(results, base);
    const head = rows.find((r) => r.target.startsWith('Frozen-base'))!;
    const tune = rows.find((r) => r.target.startsWith('Full low-learning-rate'))!;
    expect(head.met).toBe(true);
    expect(tune.met).toBe(false);
    expect(tune.note).toContain(`${((6500 - LIMITS.fineTuneMs) / 1000).toFixed(2)} s over`);
    expect(rows.find((r) => r.target.startsWith('Training throughput'))!.met).toBeNull();
    // The report renders whatever the result holds.
    expect(markdownReport({ ...results, targets: rows })).toContain('| Full low-learning-rate fine-tune exercise: run to graded result | <= 5.00 s | 6.50 s');
  });
});
