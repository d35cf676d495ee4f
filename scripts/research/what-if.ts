/**
 * What-if measurements: the gain of a change before anyone makes it.
 *
 *   npx node scripts/research/what-if.ts [--dist dist] [--runs 5] [--exercises fine-tune-the-model/fine-tune,your-own-data/own-data]
 *   npx node scripts/research/what-if.ts --editor [--dist dist] [--runs 5] [--lesson fine-tune-the-model]
 *
 * Exercises: runs each exercise's reference solution and checks as they are
 * ("as is"), then variants that each change one thing the way the change
 * would if it were made in the lesson, its checks or the learner library,
 * interleaved, on wasm, through the built site's runner page. Prints per
 * exercise the median wall time to graded result and its phases, with the
 * difference to "as is". Each variant is a text edit of the exercise's own
 * files; a variant whose edit does not apply to an exercise says so instead
 * of reporting a gain it did not measure. All variants must still pass every
 * check (failures are listed).
 *
 * --editor: the editor's start on a lesson page, as is and with the type
 * declarations and Monaco's TypeScript mode held back 5 s (do they delay typing?).
 */
import { existsSync } from 'node:fs';
import { openBrowserSession, runInput } from '../lib/browser-session.ts';
import { discoverCourse, type CourseExercise } from '../../src/course/discover.ts';
import { coursePaths, loadCourseConfig } from '../../src/course/load-config.ts';
import type { BenchContext } from '../../bench/lib/context.ts';
import { PHASE_NAMES, splitPhases, type PhaseSplit } from '../../bench/lib/phases.ts';
import { instrument, readProbeReport } from '../../bench/lib/probe.ts';
import { RunnerPage } from '../../bench/lib/runner-page.ts';
import { median } from '../../bench/lib/stats.ts';
import { editorReadyTrial } from '../../bench/sections/page-weight.ts';

class NotApplicable extends Error {}

interface Variant {
  name: string;
  /** What the change would be, in the code base. */
  change: string;
  /** The changed files; throws NotApplicable when the exercise has nothing this variant changes. */
  solution(source: string): string;
  checks(source: string): string;
  /** Left out of the combined variant (it edits the same code as another one). */
  alone?: boolean;
}

/** Replaces `from` with `to`, or says the variant does not apply. */
function edit(source: string, from: RegExp, to: string, what: string): string {
  if (!from.test(source)) throw new NotApplicable(`no ${what}`);
  return source.replace(from, to);
}

const same = (source: string) => source;

/**
 * The first fit of the model (the head on the frozen base) becomes: the frozen
 * base's output computed once, and the head alone fitted on it with the same
 * optimizer object and fit arguments. The head layer is shared, so `model` ends
 * up with exactly the weights the head-only fit produced.
 */
function cachedEmbeddings(source: string): string {
  return edit(
    source,
    /await model\.fit\(([^,]+), ([^,]+), (\{[^}]*\})\);/,
    [
      'const newHeadLayer = model.layers[model.layers.length - 1]!;',
      'const embeddings = tf.model({ inputs: model.inputs, outputs: newHeadLayer.input as tf.SymbolicTensor }).predict($1) as tf.Tensor;',
      'const headInput = tf.input({ shape: [embeddings.shape[1]!] });',
      'const headOnly = tf.model({ inputs: headInput, outputs: newHeadLayer.apply(headInput) as tf.SymbolicTensor });',
      "headOnly.compile({ optimizer: model.optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });",
      'await headOnly.fit(embeddings, $2, $3);',
      'embeddings.dispose();',
    ].join('\n'),
    'model.fit(x, y, {...}) call',
  );
}

/** The checks' `relativeChanges` (pretrained model loaded and every weight compared) computed once, not once per check. */
function memoisedRelativeChanges(source: string): string {
  const renamed = edit(source, /async function relativeChanges\(/, 'async function computeRelativeChanges(', 'relativeChanges() in the checks');
  return renamed.replace(
    'export default defineChecks([',
    [
      'let memo: Promise<Map<string, number>> | undefined;',
      'function relativeChanges(tf: typeof TF, model: TF.LayersModel): Promise<Map<string, number>> {',
      '  return (memo ??= computeRelativeChanges(tf, model));',
      '}',
      '',
      'export default defineChecks([',
    ].join('\n'),
  );
}

/** `evaluate` from 'lab' replaced by the same loop with `predict(..., { batchSize: 256 })`. */
function evaluateBatch256(source: string): string {
  const imports = /import \{([^}]*)\} from 'lab';/.exec(source);
  if (!imports || !/\bevaluate\b/.test(imports[1]!)) throw new NotApplicable('no evaluate imported from lab');
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

/**
 * `evaluate` from 'lab' wrapped in a cache shared by the learner code and the
 * checks (they run in the same worker), keyed by fingerprints of the model's
 * weights and of the data, so the checks reuse the solution's evaluation of
 * the same, unchanged model on the same images. A lab-level version would keep
 * the cache in its module scope instead of on `globalThis`.
 */
function sharedEvaluation(source: string): string {
  const imports = /import \{([^}]*)\} from 'lab';/.exec(source);
  if (!imports || !/\bevaluate\b/.test(imports[1]!)) throw new NotApplicable('no evaluate imported from lab');
  const names = imports[1]!.split(',').map((name) => name.trim()).filter(Boolean);
  const renamed = source.replace(imports[0], `import { ${names.map((n) => (n === 'evaluate' ? 'evaluate as labEvaluate' : n)).join(', ')} } from 'lab';`);
  const tfImport = /import \* as tf from '@tensorflow\/tfjs';/.test(renamed) ? '' : "import * as tf from '@tensorflow/tfjs';\n";
  return `${tfImport}${renamed}
function fingerprint(tensors: any[]): string {
  return Array.from(tf.tidy(() => tf.stack(tensors.flatMap((t: any) => [tf.sum(t), tf.sum(tf.square(t))]))).dataSync()).join(',');
}
async function evaluate(model: any, data: { xs: any; labels: readonly number[] }) {
  const memo: Map<string, any> = ((globalThis as any).__benchEvaluations ??= new Map());
  const key = fingerprint(model.weights.map((w: any) => w.read())) + '|' + fingerprint([data.xs]) + '|' + data.labels.join('');
  if (!memo.has(key)) memo.set(key, await labEvaluate(model, data as any));
  return memo.get(key);
}
`;
}

/** Applies `change` where it applies, leaves the source alone where it does not (for the combined variant). */
const ifApplies = (change: (source: string) => string) => (source: string) => {
  try {
    return change(source);
  } catch (error) {
    if (error instanceof NotApplicable) return source;
    throw error;
  }
};

const PROPOSALS: Variant[] = [
  {
    name: 'head on cached embeddings',
    change: "lesson: fit the new head alone on the frozen base's output computed once (`models.cutAfter(base, cut).predict(xs)`) instead of the whole model with the base frozen",
    solution: cachedEmbeddings,
    checks: same,
  },
  {
    name: 'checks load the reference model once',
    change: 'checks.ts: memoise `relativeChanges` (two checks each load the pretrained model and compare every weight)',
    solution: same,
    checks: memoisedRelativeChanges,
  },
  {
    name: 'checks reuse the evaluation',
    change: 'src/lab/evaluate.ts: remember results by fingerprints of the model weights and the data, so the accuracy check reuses the learner code\'s evaluation of the same model on the same images',
    solution: sharedEvaluation,
    checks: ifApplies(sharedEvaluation),
  },
  {
    name: 'evaluate predicts 256 at a time',
    change: 'src/lab/evaluate.ts: `model.predict(slice, { batchSize: 256 })` (predict cuts each 256-image chunk into batches of 32 by default)',
    solution: evaluateBatch256,
    checks: ifApplies(evaluateBatch256),
    alone: true,
  },
];

const VARIANTS: Variant[] = [
  { name: 'as is', change: '-', solution: same, checks: same },
  ...PROPOSALS,
  {
    name: 'all that apply',
    change: `the changes above together (except ${PROPOSALS.filter((v) => v.alone).map((v) => `"${v.name}"`).join(', ')})`,
    solution: (source) => PROPOSALS.filter((v) => !v.alone).reduce((code, variant) => ifApplies(variant.solution)(code), source),
    checks: (source) => PROPOSALS.filter((v) => !v.alone).reduce((code, variant) => ifApplies(variant.checks)(code), source),
  },
];

const argv = process.argv.slice(2);
const option = (flag: string, fallback: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1]! : fallback);
const dist = option('--dist', 'dist');
const runs = Number(option('--runs', '5'));
if (!existsSync(`${dist}/tools/runner/index.html`)) throw new Error(`No built site in ${dist}/: run \`npx astro build\` first.`);

const course = await loadCourseConfig();
const allExercises = discoverCourse(coursePaths().lessonsDir, course).lessons.flatMap((l) => l.exercises);
const session = await openBrowserSession({ dist, base: course.base });
try {
  if (argv.includes('--editor')) await editorWhatIf(option('--lesson', 'fine-tune-the-model'));
  else {
    const ids = option('--exercises', 'fine-tune-the-model/fine-tune,your-own-data/own-data').split(',');
    for (const id of ids) {
      const exercise = allExercises.find((e) => e.id === id);
      if (!exercise) throw new Error(`No exercise ${id}; the exercises are ${allExercises.map((e) => e.id).join(', ')}.`);
      await exerciseWhatIf(exercise);
    }
  }
} finally {
  await session.close();
}

async function exerciseWhatIf(exercise: CourseExercise): Promise<void> {
  const applicable: { variant: Variant; changed: CourseExercise }[] = [];
  const skipped: string[] = [];
  for (const variant of VARIANTS) {
    try {
      applicable.push({ variant, changed: { ...exercise, solution: variant.solution(exercise.solution), checks: variant.checks(exercise.checks) } });
    } catch (error) {
      if (!(error instanceof NotApplicable)) throw error;
      skipped.push(`${variant.name} (${error.message})`);
    }
  }
  const page = await RunnerPage.open(session.browser, session.server.url);
  const splits = new Map<string, PhaseSplit[]>(applicable.map(({ variant }) => [variant.name, []]));
  const problems = new Map<string, string[]>(applicable.map(({ variant }) => [variant.name, []]));
  try {
    for (let run = 0; run < runs; run++) {
      for (const { variant, changed } of applicable) {
        await page.waitForWarmWorker();
        const { result, wallMs, events } = await page.run(runInput(instrument(changed.solution), changed, 'wasm'));
        const probe = readProbeReport(events);
        const failed = (result.checks ?? []).filter((c) => c.status === 'fail').map((c) => c.title);
        if (result.status === 'error' || !probe) problems.get(variant.name)!.push(result.error?.message ?? 'no probe report');
        else {
          if (failed.length) problems.get(variant.name)!.push(`failing checks: ${failed.join('; ')}`);
          splits.get(variant.name)!.push(splitPhases({ wallMs, runMs: result.runMs, checksMs: result.checksMs }, probe));
        }
        console.log(`${exercise.id}, ${variant.name}: run ${run + 1}, ${wallMs.toFixed(0)} ms`);
      }
    }
  } finally {
    await page.close();
  }
  const med = (name: string, phase: keyof PhaseSplit) => median(splits.get(name)!.map((s) => s[phase]));
  const baseline = med('as is', 'wall');
  console.log(`\n### What-if on ${exercise.id}, wasm, median of ${runs} (ms)\n`);
  console.log(`| variant | wall | vs as is | ${PHASE_NAMES.join(' | ')} | problems |`);
  console.log(`| --- | --- | --- | ${PHASE_NAMES.map(() => '---').join(' | ')} | --- |`);
  for (const { variant } of applicable) {
    const wall = med(variant.name, 'wall');
    const delta = variant.name === 'as is' ? '-' : `${(wall - baseline).toFixed(0)} (${(((wall - baseline) / baseline) * 100).toFixed(0)}%)`;
    console.log(`| ${variant.name} | ${wall.toFixed(0)} | ${delta} | ${PHASE_NAMES.map((p) => med(variant.name, p).toFixed(0)).join(' | ')} | ${[...new Set(problems.get(variant.name))].join('; ')} |`);
  }
  if (skipped.length) console.log(`\nNot applicable here: ${skipped.join('; ')}.`);
  console.log('\nChanges:');
  for (const variant of VARIANTS.slice(1)) console.log(`- ${variant.name}: ${variant.change}`);
}

/**
 * Is the editor ready sooner, or with less JavaScript, when the tfjs/lab type
 * declarations and Monaco's TypeScript mode arrive later? Both are requested
 * while the editor starts; holding them back 5 s shows whether typing waits
 * for them and how many bytes that moves after the first keystroke. Same page,
 * same click, fresh cache each trial; "as is" goes through the same request
 * interception (matching nothing) so both pay its cost.
 */
async function editorWhatIf(lesson: string): Promise<void> {
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
  const path = `lessons/${lesson}/`;
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
