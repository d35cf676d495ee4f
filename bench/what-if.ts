/**
 * What-if measurements: the gain of a change before anyone makes it.
 *
 *   node bench/what-if.ts [--dist dist] [--runs 5] [--exercise fine-tune-the-model/fine-tune]
 *   node bench/what-if.ts --editor [--dist dist] [--runs 5]   (the editor's start instead, on that exercise's lesson)
 *
 * Runs the exercise's reference solution and checks as they are ("as is"),
 * then variants that each change one thing, the way the change would if it
 * were made in the lesson, the checks or the learner library, interleaved on
 * wasm through the built site's runner page. Prints one table row per
 * variant: median wall time to graded result and its phases, with the
 * difference to "as is". Each variant is a text edit of the lesson's own
 * files that fails loudly if the file no longer contains what it edits, so a
 * stale variant cannot report a gain it did not measure.
 */
import { existsSync } from 'node:fs';
import { runInput } from '../scripts/course/browser-session.ts';
import { openBrowserSession } from '../scripts/course/browser-session.ts';
import { discoverCourse, type CourseExercise } from '../scripts/course/discover.ts';
import { coursePaths, loadCourseConfig } from '../src/integrations/load-course.ts';
import { PHASE_NAMES, splitPhases, type PhaseSplit } from './lib/phases.ts';
import { instrument, readProbeReport } from './lib/probe.ts';
import { RunnerPage } from './lib/runner-page.ts';
import type { BenchContext } from './lib/context.ts';
import { editorReadyTrial } from './sections/page-weight.ts';
import { median } from './lib/stats.ts';

interface Variant {
  name: string;
  /** What the change would be, in the code base. */
  change: string;
  solution(source: string): string;
  checks(source: string): string;
}

/** Replaces `from` (which must occur) with `to`. */
function edit(source: string, from: string | RegExp, to: string, what: string): string {
  const found = typeof from === 'string' ? source.includes(from) : from.test(source);
  if (!found) throw new Error(`what-if "${what}": the file no longer contains ${String(from)}; update this variant.`);
  return source.replace(from, to);
}

const same = (source: string) => source;

const VARIANTS: Variant[] = [
  { name: 'as is', change: '-', solution: same, checks: same },
  {
    name: 'phase 1 on cached embeddings',
    change: 'lesson: train the new head alone on the frozen base\'s output computed once (`models.cutAfter(base, cut).predict(train.xs)`) instead of fitting the whole model with the base frozen',
    solution: (source) =>
      edit(
        source,
        /await model\.fit\(train\.xs, train\.ys, \{ epochs: 10, batchSize: 16, shuffle: true \}\);/,
        [
          "const newHeadLayer = model.layers[model.layers.length - 1]!;",
          'const embeddings = tf.model({ inputs: model.inputs, outputs: newHeadLayer.input as tf.SymbolicTensor }).predict(train.xs) as tf.Tensor;',
          'const headInput = tf.input({ shape: [embeddings.shape[1]!] });',
          'const headOnly = tf.model({ inputs: headInput, outputs: newHeadLayer.apply(headInput) as tf.SymbolicTensor });',
          "headOnly.compile({ optimizer: tf.train.momentum(0.01, 0.9), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });",
          'await headOnly.fit(embeddings, train.ys, { epochs: 10, batchSize: 16, shuffle: true });',
          'embeddings.dispose();',
        ].join('\n'),
        'phase 1 fit',
      ),
    checks: same,
  },
  {
    name: 'checks load the reference model once',
    change: 'checks.ts: memoise `relativeChanges` (two checks each load the pretrained model and read every weight)',
    solution: same,
    checks: (source) =>
      edit(
        edit(source, 'async function relativeChanges(tf: typeof TF, model: TF.LayersModel): Promise<Map<string, number>> {', 'async function computeRelativeChanges(tf: typeof TF, model: TF.LayersModel): Promise<Map<string, number>> {', 'rename'),
        'export default defineChecks([',
        [
          'let memo: Promise<Map<string, number>> | undefined;',
          'function relativeChanges(tf: typeof TF, model: TF.LayersModel): Promise<Map<string, number>> {',
          '  return (memo ??= computeRelativeChanges(tf, model));',
          '}',
          '',
          'export default defineChecks([',
        ].join('\n'),
        'memo',
      ),
  },
  {
    name: 'evaluate predicts 256 at a time',
    change: 'src/lab/evaluate.ts: `model.predict(slice, { batchSize: 256 })` (predict splits each 256-image chunk into batches of 32 by default)',
    // Measured by giving the learner's and the checks' `evaluate` calls the same body with the batch size set.
    solution: (source) => withEvaluateBatch(source),
    checks: (source) => withEvaluateBatch(source),
  },
];

// All the changes together: what the exercise would cost with every proposal made.
const PROPOSALS = VARIANTS.slice(1);
VARIANTS.push({
  name: 'all of the above',
  change: 'the changes above together',
  solution: (source) => PROPOSALS.reduce((code, variant) => variant.solution(code), source),
  checks: (source) => PROPOSALS.reduce((code, variant) => variant.checks(code), source),
});

/** Replaces `evaluate` imported from 'lab' with a copy of lab's evaluate that passes batchSize 256 to predict. */
function withEvaluateBatch(source: string): string {
  const imports = /import \{([^}]*)\} from 'lab';/.exec(source);
  if (!imports || !/\bevaluate\b/.test(imports[1]!)) throw new Error('what-if "evaluate": the file no longer imports evaluate from lab; update this variant.');
  const kept = imports[1]!.split(',').map((name) => name.trim()).filter((name) => name && name !== 'evaluate');
  const replaced = source.replace(imports[0], kept.length ? `import { ${kept.join(', ')} } from 'lab';` : '');
  const tfImport = /import \* as tf from '@tensorflow\/tfjs';/.test(replaced) ? '' : "import * as tf from '@tensorflow/tfjs';\n";
  return `${tfImport}${replaced}
async function evaluate(model: any, data: { xs: any; labels: readonly number[] }) {
  const n = data.xs.shape[0];
  const predicted: number[] = [];
  for (let start = 0; start < n; start += 256) {
    const size = Math.min(256, n - start);
    const top = tf.tidy(() => tf.argMax(model.predict(tf.slice(data.xs, start, size), { batchSize: 256 }) as any, -1));
    predicted.push(...(await top.data()));
    top.dispose();
  }
  let correct = 0;
  predicted.forEach((p, i) => { if (p === data.labels[i]) correct++; });
  return { accuracy: correct / n, perClass: [], confusion: [] };
}
`;
}

const argv = process.argv.slice(2);
const option = (flag: string, fallback: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1]! : fallback);
const dist = option('--dist', 'dist');
const runs = Number(option('--runs', '5'));
const exerciseId = option('--exercise', 'fine-tune-the-model/fine-tune');
if (!existsSync(`${dist}/tools/runner/index.html`)) throw new Error(`No built site in ${dist}/: run \`npx astro build\` first.`);

const course = await loadCourseConfig();
const exercise = discoverCourse(coursePaths().lessonsDir, course).lessons.flatMap((l) => l.exercises).find((e) => e.id === exerciseId);
if (!exercise) throw new Error(`No exercise ${exerciseId}.`);

const session = await openBrowserSession({ dist, base: course.base });
if (argv.includes('--editor')) {
  await editorWhatIf();
  await session.close();
  process.exit(0);
}
const page = await RunnerPage.open(session.browser, session.server.url);
const splits = new Map<string, PhaseSplit[]>(VARIANTS.map((v) => [v.name, []]));
const problems = new Map<string, string[]>(VARIANTS.map((v) => [v.name, []]));
try {
  for (let run = 0; run < runs; run++) {
    for (const variant of VARIANTS) {
      const changed: CourseExercise = { ...exercise, solution: variant.solution(exercise.solution), checks: variant.checks(exercise.checks) };
      await page.waitForWarmWorker();
      const { result, wallMs, events } = await page.run(runInput(instrument(changed.solution), changed, 'wasm'));
      const probe = readProbeReport(events);
      const failed = (result.checks ?? []).filter((c) => c.status === 'fail').map((c) => c.title);
      if (result.status === 'error' || !probe) problems.get(variant.name)!.push(result.error?.message ?? 'no probe report');
      else {
        if (failed.length) problems.get(variant.name)!.push(`failing checks: ${failed.join('; ')}`);
        splits.get(variant.name)!.push(splitPhases({ wallMs, runMs: result.runMs, checksMs: result.checksMs }, probe));
      }
      console.log(`${variant.name}: run ${run + 1}, ${wallMs.toFixed(0)} ms`);
    }
  }
} finally {
  await page.close();
  await session.close();
}

const med = (name: string, phase: keyof PhaseSplit) => median(splits.get(name)!.map((s) => s[phase]));
const baseline = med('as is', 'wall');
console.log(`\n### What-if on ${exerciseId}, wasm, median of ${runs} (ms)\n`);
console.log(`| variant | wall | vs as is | ${PHASE_NAMES.join(' | ')} | problems |`);
console.log(`| --- | --- | --- | ${PHASE_NAMES.map(() => '---').join(' | ')} | --- |`);
for (const variant of VARIANTS) {
  const wall = med(variant.name, 'wall');
  const delta = variant.name === 'as is' ? '-' : `${(wall - baseline).toFixed(0)} (${(((wall - baseline) / baseline) * 100).toFixed(0)}%)`;
  console.log(`| ${variant.name} | ${wall.toFixed(0)} | ${delta} | ${PHASE_NAMES.map((p) => med(variant.name, p).toFixed(0)).join(' | ')} | ${[...new Set(problems.get(variant.name))].join('; ')} |`);
}
console.log('\nChanges:');
for (const variant of VARIANTS.slice(1)) console.log(`- ${variant.name}: ${variant.change}`);

/**
 * `--editor`: is the editor ready sooner, or with less JavaScript, when the
 * tfjs/lab type declarations and Monaco's TypeScript mode arrive later? Both
 * are requested while the editor starts; holding them back 5 s shows whether
 * typing waits for them (it should not) and how many bytes that moves after
 * the first keystroke. Same page, same click, fresh cache each trial.
 */
async function editorWhatIf(): Promise<void> {
  const ctx = {
    browser: session.browser,
    siteUrl: session.server.url,
    distDir: dist,
    base: course.base,
    exercises: [],
    backends: [],
    runs,
    quick: false,
    cutAt: 'features',
    log: () => {},
  } satisfies BenchContext;
  const path = `lessons/${exercise!.lesson}/`;
  const variants = [
    { name: 'as is', holdBack: { pattern: /^$/, delayMs: 0 } },
    { name: 'type declarations and TS mode 5 s later', holdBack: { pattern: /(tfjs-files\.generated|lab-files|tsMode)[^/]*\.js$/, delayMs: 5000 } },
  ];
  const rows = new Map(variants.map((v) => [v.name, { ms: [] as number[], js: [] as number[] }]));
  for (let i = 0; i < runs; i++) {
    for (const variant of variants) {
      const trial = await editorReadyTrial(ctx, path, { untilQuiet: false, holdBack: variant.holdBack });
      rows.get(variant.name)!.ms.push(trial.clickToReadyMs);
      rows.get(variant.name)!.js.push(trial.untilReady.js?.gzip ?? 0);
      console.log(`${variant.name}: ${trial.clickToReadyMs} ms, ${((trial.untilReady.js?.gzip ?? 0) / 1024).toFixed(0)} KB gz JS`);
    }
  }
  console.log(`\n### What-if: editor ready on ${path}, median of ${runs}\n`);
  console.log('| variant | click -> ready (ms) | JS gz until ready (KB) |\n| --- | --- | --- |');
  for (const variant of variants) {
    const row = rows.get(variant.name)!;
    console.log(`| ${variant.name} | ${median(row.ms).toFixed(0)} | ${(median(row.js) / 1024).toFixed(0)} |`);
  }
}
