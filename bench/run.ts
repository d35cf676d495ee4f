/**
 * The Transfer Lab benchmark: where time, bytes and memory go.
 *
 *   npm run bench                      build the site (into .tmp/bench-dist), measure everything,
 *                                      write bench/results.json, print Markdown tables
 *   npm run bench:quick                one small pass of every section (bench/tmp/results-quick.json)
 *   node bench/run.ts --dist dist      measure an existing build instead of building
 *   node bench/run.ts --only pages,exercises --runs 3
 *
 * Sections: pages (lesson page weight, editor ready), exercises (run to graded
 * result per exercise and backend, split into phases), probes (training and
 * inference throughput, frozen-base transfer), memory (20 runs of the
 * heaviest exercise), node (TF.js in Node, cpu and wasm), pytorch (PyTorch
 * CPU, Debian's python3-torch). See bench/README.md for what each measures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openBrowserSession } from '../scripts/lib/browser-session.ts';
import { discoverCourse } from '../src/course/discover.ts';
import { coursePaths, loadCourseConfig } from '../src/course/load-config.ts';
import { BACKENDS } from '../src/sandbox/protocol.ts';
import { parseArgs, type Section } from './lib/args.ts';
import type { BenchContext } from './lib/context.ts';
import { currentLoadAverage, machineInfo, webglRenderer } from './lib/machine.ts';
import { markdownReport } from './lib/report.ts';
import type { BenchResults } from './lib/results.ts';
import { bestBackend, evaluateTargets, exerciseKind } from './lib/targets.ts';
import { benchExercises } from './sections/exercises.ts';
import { benchMemory } from './sections/memory.ts';
import { benchEditorReady, benchLessonPage, lessonPaths } from './sections/page-weight.ts';
import { benchThroughput, benchTransfer, throughputParams, transferParams } from './sections/probes.ts';
import { benchNode, benchPyTorch } from './sections/references.ts';
import { benchThreads } from './sections/threads.ts';

const started = performance.now();
/** Where the lessons cut the base, until an exercise run says otherwise. */
const DEFAULT_CUT = 'features';

const args = parseArgs(process.argv.slice(2));
const log = (line: string) => console.log(line);
const paths = coursePaths();
const course = await loadCourseConfig(paths);
const { lessons, problems } = discoverCourse(paths.lessonsDir, course);
if (problems.length) {
  console.error(`The course has problems (run npm run verify):\n${problems.map((p) => `${p.file}: ${p.message}`).join('\n')}`);
  process.exit(1);
}
const exercises = lessons.flatMap((lesson) => lesson.exercises);

let distDir = args.dist;
if (!distDir) {
  distDir = resolve('.tmp/bench-dist');
  log(`Building the production site into ${distDir} …`);
  const build = spawnSync('npx', ['astro', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TL_OUT_DIR: distDir } });
  if (build.status !== 0) {
    console.error('The build failed (see above).');
    process.exit(1);
  }
}

const session = await openBrowserSession({ dist: distDir, base: course.base });
const machine = machineInfo(session.browser.version());
machine.webglRenderer = await webglRenderer(session.browser, session.server.url);
log(`${machine.cores} cores, ${machine.browser}, WebGL ${machine.webglRenderer}, load average ${machine.loadAverageStart}`);
if (machine.loadAverageStart > machine.cores) log(`Warning: the machine is busy (load average ${machine.loadAverageStart} > ${machine.cores} cores); times will be inflated.`);

const ctx: BenchContext = {
  browser: session.browser,
  siteUrl: session.server.url,
  distDir,
  base: course.base,
  exercises,
  backends: BACKENDS,
  runs: args.runs,
  quick: args.quick,
  // Until the exercises section reads it from the heaviest exercise's run.
  cutAt: DEFAULT_CUT,
  log,
};
const results: BenchResults = {
  schema: 1,
  date: new Date().toISOString(),
  mode: args.quick ? 'quick' : 'full',
  command: ['node', 'bench/run.ts', ...process.argv.slice(2)].join(' '),
  machine,
  sectionSeconds: {},
  skipped: {},
};
const wanted = (section: Section) => args.only.includes(section);

async function section(name: Section, body: () => Promise<void> | void): Promise<void> {
  if (!wanted(name)) {
    results.skipped[name] = 'not selected';
    return;
  }
  log(`\n== ${name}`);
  const t0 = performance.now();
  try {
    await body();
  } catch (error) {
    results.skipped[name] = `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    console.error(error);
  }
  results.sectionSeconds[name] = Math.round((performance.now() - t0) / 1000);
}

/** Node's cpu backend: small enough to finish in about a minute (its conv filter gradient takes ~2 s per image), no profiling. */
const NODE_CPU_THROUGHPUT = { trainSamples: 16, epochs: 2, inferSamples: 32, profile: false, convKernels: false };

/** The lightest exercise that runs code (quick mode runs only this one). */
const lightest = exercises[0];
/** Chosen after the exercises section: the one with the longest median wall time on the best backend. */
let heaviest = exercises.at(-1);
/** Chosen after the exercises section: the slowest exercise that fine-tunes pretrained layers (Node and PyTorch repeat it). */
let referenceExercise: (typeof exercises)[number] | undefined;

try {
  await section('pages', async () => {
    const paths = lessonPaths(distDir);
    const lessonsWeight = [];
    for (const path of paths) {
      lessonsWeight.push(await benchLessonPage(ctx, path));
      log(`  ${path}: ${((lessonsWeight.at(-1)!.beforeInteraction.js?.gzip ?? 0) / 1024).toFixed(1)} KB gz JS before interaction`);
    }
    // Editor ready: repeated on one page (the heaviest exercise's lesson, if its block does not start by itself), once on the others.
    const candidates = lessonsWeight.filter((l) => l.hasExercise && !l.islandStartedWithoutInteraction).map((l) => l.path);
    const main = candidates.find((p) => heaviest && p.includes(heaviest.lesson)) ?? candidates[0];
    const editorPages = args.quick ? (main ? [main] : []) : lessonsWeight.filter((l) => l.hasExercise).map((l) => l.path);
    const editorReady = [];
    for (const path of editorPages) editorReady.push(await benchEditorReady(ctx, path, path === main ? args.editorTrials : 1));
    results.pages = { lessons: lessonsWeight, editorReady };
  });

  await section('exercises', async () => {
    const only = args.quick && lightest ? [lightest.id] : [];
    results.exercises = await benchExercises(ctx, { cellBudgetMs: args.cellBudgetSeconds * 1000, maxRunMs: args.maxRunSeconds * 1000, only });
    const best = bestBackend(results.exercises) ?? 'wasm';
    const onBest = results.exercises.filter((c) => c.backend === best && c.runs > 0);
    const slowest = onBest.reduce<(typeof onBest)[number] | undefined>((a, b) => (!a || b.phases.wall.median > a.phases.wall.median ? b : a), undefined);
    if (slowest) heaviest = exercises.find((e) => e.id === slowest.exercise) ?? heaviest;
    // The references outside the browser repeat one exercise's fits on one pretrained model: the slowest fine-tune.
    const base = baseLayerNames(distDir);
    const fineTunes = onBest.filter((c) => exerciseKind(c.fits, base) === 'fine-tune');
    const slowestFineTune = fineTunes.reduce<(typeof onBest)[number] | undefined>((a, b) => (!a || b.phases.wall.median > a.phases.wall.median ? b : a), undefined);
    referenceExercise = exercises.find((e) => e.id === slowestFineTune?.exercise);
    const cut = results.exercises.find((c) => c.exercise === (referenceExercise ?? heaviest)?.id && c.fits?.[0]?.headInput)?.fits?.[0]?.headInput;
    if (cut) ctx.cutAt = cut;
    log(`  heaviest exercise: ${heaviest?.id}; slowest fine-tune: ${referenceExercise?.id ?? 'none'}; the new head sits on '${ctx.cutAt}'`);
  });

  await section('probes', async () => {
    const runs = args.quick ? 1 : args.probeRuns;
    results.throughput = await benchThroughput(ctx, runs);
    results.transfer = await benchTransfer(ctx, runs);
  });

  // Right after the browser probes, so both see the same machine load (the ratio is a target).
  await section('pytorch', () => {
    const cell = results.exercises?.find((c) => c.exercise === referenceExercise?.id && c.fits?.length);
    results.pytorch = benchPyTorch(ctx, cell?.exercise, cell?.fits, args.quick ? 1 : args.probeRuns);
    log(`  PyTorch: ${results.pytorch.note ?? `train ${results.pytorch.throughput?.trainMsPerSample.median} ms/sample`}`);
  });
  await section('threads', async () => {
    results.threads = await benchThreads(ctx, args.quick ? 1 : args.probeRuns);
  });
  await section('memory', async () => {
    const target = args.quick ? lightest : heaviest;
    if (!target) throw new Error('the course has no exercises');
    const best = (results.exercises && bestBackend(results.exercises)) ?? 'wasm';
    results.memory = await benchMemory(ctx, target, best, args.quick ? 3 : args.memoryRuns);
  });

  await section('node', () => {
    const runs = args.quick ? 1 : args.probeRuns;
    const transfer = transferParams(ctx.quick, ctx.cutAt);
    log('  TF.js in Node, wasm …');
    const wasm = benchNode(ctx, 'wasm', {
      ...(args.quick || !referenceExercise ? {} : { exercise: referenceExercise }),
      runs,
      probes: [
        { name: 'throughput', params: throughputParams(ctx.quick, 'wasm', ctx.cutAt) },
        { name: 'transfer', params: transfer },
      ],
    });
    // tfjs's cpu backend in Node spends minutes in Conv2DBackpropFilter: one small throughput probe only.
    log('  TF.js in Node, cpu …');
    const cpu = benchNode(ctx, 'cpu', { runs: 1, probes: [{ name: 'throughput', params: { ...NODE_CPU_THROUGHPUT, cutAt: ctx.cutAt } }] });
    results.node = [wasm, cpu];
    for (const n of results.node) log(`  Node ${n.backend}: ${n.problems.length ? n.problems.join('; ') : `train ${n.throughput?.trainMsPerSample.median} ms/sample`}`);
  });

} finally {
  await session.close();
}

results.machine.loadAverageEnd = currentLoadAverage();
results.targets = evaluateTargets(results, baseLayerNames(distDir));
results.sectionSeconds.total = Math.round((performance.now() - started) / 1000);
mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${markdownReport(results)}\n\nWrote ${args.out}.`);

/** Layer names of the pretrained model in the build (to tell head-only exercises from fine-tuning ones). */
function baseLayerNames(dist: string): Set<string> {
  const file = resolve(dist, 'models/fashion-cnn/model.json');
  if (!existsSync(file)) return new Set();
  const json = JSON.parse(readFileSync(file, 'utf8')) as { modelTopology: { config: { layers: { config: { name: string } }[] } } };
  return new Set(json.modelTopology.config.layers.map((layer) => layer.config.name));
}
