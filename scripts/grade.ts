/**
 * Regrades learners' "Download my work" files, offline, without a server.
 *
 *   npm run grade -- <folder> [--out <folder>] [--skip-build] [--jobs N] [--shard i/n] [--no-holdout]
 *   npm run grade -- --merge <folder> <folder> ... [--out <folder>]
 *
 * Every submission's code is re-run in headless Chromium, in a fresh browser
 * context, against the course's checks plus the hidden checks
 * (`checks.hidden.ts`, which never reach the built site), with each
 * exercise's time limit. What the file claims (`passed`) is ignored: only the
 * re-run counts. A malformed, foreign or hostile file gets an error row with
 * the reason, and the batch goes on.
 *
 * - Points: each check is worth its `points` (default 1); grades.csv has each
 *   exercise's points and one column per check.
 * - Hidden holdout: an exercise whose checks.ts declares `const HOLDOUT_MODEL = '<export>'`
 *   has that exported model scored, in Node, on scripts/course/holdout/ (t10k images the
 *   site never ships; scripts/data/build-holdout.ts) and on the site's test split.
 * - Versions: the course version each work file was downloaded from is reported.
 * - Scale: `--jobs N` grades N submissions at once (N browser contexts); `--shard i/n`
 *   grades the i-th of n slices of the folder, and `--merge` joins the shards' folders
 *   into the grades.csv one run would have written.
 *
 * Writes grades.csv (one row per learner), grades-report.md and grades.json (for --merge).
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { coursePaths, loadCourseConfig } from '../src/course/load-config.ts';
import { MAX_WORK_FILE_BYTES, parseWorkFile } from '../src/progress/work-file.ts';
import { courseVersion, exerciseVersion } from '../src/progress/course-version.ts';
import type { RunResult } from '../src/sandbox/protocol.ts';
import { discoverCourse, type CourseExercise } from '../src/course/discover.ts';
import { readCheckValues } from '../src/mdx/check-values.ts';
import { openBrowserSession, runInput, type BrowserSession } from './lib/browser-session.ts';
import { listChecks } from './course/check-list.ts';
import {
  csvOf,
  mergeGrades,
  parseShard,
  reportOf,
  shardFiles,
  type ExerciseGrade,
  type GradesFile,
  type GradingPlan,
  type SubmissionGrade,
} from './course/grades.ts';
import { HOLDOUT_DIR, holdoutMissing, type SavedModel } from './course/holdout.ts';
import { startHoldoutScorer, type HoldoutScorer } from './course/holdout-scorer.ts';

const USAGE =
  'Usage: npm run grade -- <folder of work files> [--out <folder>] [--skip-build] [--jobs N] [--shard i/n] [--no-holdout]\n' +
  '       npm run grade -- --merge <folder> <folder> ... [--out <folder>]';

const argv = process.argv.slice(2);
const valueOf = (flag: string): string | undefined => {
  const i = argv.indexOf(flag);
  if (i < 0) return undefined;
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) fatal(`${flag} needs a value.\n${USAGE}`);
  return value;
};
const flagValues = new Set(['--out', '--jobs', '--shard'].flatMap((flag) => (argv.includes(flag) ? [argv[argv.indexOf(flag) + 1]] : [])));
const positional = argv.filter((arg) => !arg.startsWith('--') && !flagValues.has(arg));

if (argv.includes('--merge')) {
  const outDir = resolve(valueOf('--out') ?? '.');
  if (positional.length === 0) fatal(`--merge needs the shards' folders.\n${USAGE}`);
  const files = positional.map((dir) => {
    const path = join(dir, 'grades.json');
    if (!existsSync(path)) fatal(`${dir} has no grades.json: grade it with npm run grade -- <folder> --shard i/n --out ${dir}`);
    return JSON.parse(readFileSync(path, 'utf8')) as GradesFile;
  });
  let merged: GradesFile;
  try {
    merged = mergeGrades(files);
  } catch (error) {
    fatal((error as Error).message);
  }
  writeResults(outDir, merged);
  console.log(`Merged ${positional.length} folder(s): ${merged.grades.length} submission(s). Wrote ${join(outDir, 'grades.csv')}`);
  process.exit(0);
}

const folder = positional[0];
if (!folder) fatal(USAGE);
const outDir = resolve(valueOf('--out') ?? folder);
const jobs = Number(valueOf('--jobs') ?? '1');
if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) fatal(`--jobs takes a whole number from 1 to 32, got "${valueOf('--jobs')}"`);
let shard: { index: number; total: number } | undefined;
try {
  const text = valueOf('--shard');
  if (text !== undefined) shard = parseShard(text);
} catch (error) {
  fatal((error as Error).message);
}

const paths = coursePaths();
const course = await loadCourseConfig(paths);
const { lessons, problems } = discoverCourse(paths.lessonsDir, course);
if (problems.length) {
  console.error('The course has problems; run `npm run verify` first:');
  for (const problem of problems) console.error(`✗ ${problem.file}: ${problem.message}`);
  process.exit(1);
}
const exercises = lessons.flatMap((lesson) => lesson.exercises);
const dist = process.env.TL_OUT_DIR ?? 'dist';
if (!argv.includes('--skip-build')) {
  const build = spawnSync('npx', ['astro', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(1);
}

const plan: GradingPlan = {
  courseTitle: course.title,
  courseVersion: courseVersion(exercises),
  exercises: await Promise.all(
    exercises.map(async (exercise) => {
      const holdoutModel = readCheckValues(exercise.files.checks).get('HOLDOUT_MODEL');
      return {
        id: exercise.id,
        checks: await listChecks(exercise),
        ...(typeof holdoutModel === 'string' ? { holdoutModel } : {}),
        version: exerciseVersion(exercise.starter, exercise.checks),
      };
    }),
  ),
};

// The hidden holdout and the site's test split, scored in Node (in a thread of its own, holdout-scorer.ts):
// the holdout never enters a browser.
let scoring: { scorer: HoldoutScorer } | { missing: string } = { missing: 'turned off with --no-holdout' };
if (!argv.includes('--no-holdout') && plan.exercises.some((e) => e.holdoutModel)) {
  const missing = holdoutMissing(HOLDOUT_DIR);
  scoring = missing ? { missing } : { scorer: startHoldoutScorer({ holdoutDir: HOLDOUT_DIR, siteRoot: dist }) };
  if ('missing' in scoring) console.error(`Holdout not scored: ${scoring.missing}`);
}

const all = readdirSync(folder).filter((name) => name.toLowerCase().endsWith('.json') && name !== 'grades.json');
const files = shard ? shardFiles(all, shard) : [...all].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
const session = await openBrowserSession({ dist, base: course.base });
const grades: SubmissionGrade[] = new Array(files.length);
const started = performance.now();
const loads: number[] = [];
const sampler = setInterval(() => loads.push(loadavg()[0]!), 5000);
let done = 0;
try {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      grades[index] = await gradeFile(session, join(folder, files[index]!));
      progress(++done, files.length, files[index]!);
    }
  };
  progress(0, files.length, '');
  await Promise.all(Array.from({ length: Math.min(jobs, Math.max(1, files.length)) }, worker));
  process.stderr.write('\n');
} finally {
  clearInterval(sampler);
  await session.close();
  if ('scorer' in scoring) await scoring.scorer.close();
}
const minutes = (performance.now() - started) / 60_000;

writeResults(outDir, { format: 'transfer-lab-grades', plan, ...(shard ? { shard } : {}), grades });
const load = loads.length ? ` load average ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} (1-min, sampled every 5 s),` : '';
console.log(
  `Graded ${grades.length} submission(s)${shard ? ` (shard ${shard.index}/${shard.total} of ${all.length})` : ''} with ${jobs} job(s) in ${(minutes * 60).toFixed(1)} s: ` +
    `${(grades.length / Math.max(minutes, 1e-9)).toFixed(2)} submissions/minute,${load} ${cpus().length} cores.`,
);
console.log(`Wrote ${join(outDir, 'grades.csv')}, ${join(outDir, 'grades-report.md')} and ${join(outDir, 'grades.json')}`);

function writeResults(dir: string, result: GradesFile): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'grades.json'), JSON.stringify(result, null, 1) + '\n');
  writeFileSync(join(dir, 'grades.csv'), csvOf(result.plan, result.grades));
  writeFileSync(join(dir, 'grades-report.md'), reportOf(result.plan, result.grades, new Date().toISOString()));
}

async function gradeFile(session: BrowserSession, path: string): Promise<SubmissionGrade> {
  const t0 = performance.now();
  const learner = basename(path).replace(/\.json$/i, '');
  const result = (fields: Partial<SubmissionGrade>): SubmissionGrade => ({
    learner,
    file: basename(path),
    exercises: [],
    ...fields,
    seconds: (performance.now() - t0) / 1000,
  });
  const size = statSync(path).size;
  if (size > MAX_WORK_FILE_BYTES) return result({ error: `File too large (${(size / 1e6).toFixed(1)} MB): not a work file.` });
  const parsed = parseWorkFile(readFileSync(path, 'utf8'), course.id);
  if (!parsed.ok) return result({ error: parsed.reason });

  const graded: ExerciseGrade[] = [];
  for (const [i, exercise] of exercises.entries()) {
    const entry = parsed.file.exercises[exercise.id];
    const planned = plan.exercises[i]!;
    const maxPoints = planned.checks.reduce((sum, check) => sum + check.points, 0);
    if (entry === undefined) {
      graded.push({ exercise: exercise.id, status: 'missing', points: 0, maxPoints, checks: [], problem: 'No code submitted.' });
      continue;
    }
    const grade = await gradeExercise(session, exercise, planned, entry.code, maxPoints);
    if (entry.startedFrom) grade.startedFrom = entry.startedFrom;
    graded.push(grade);
  }
  const known = new Set(exercises.map((exercise) => exercise.id));
  const notInCourse = Object.keys(parsed.file.exercises).filter((id) => !known.has(id));
  return result({
    courseVersion: parsed.file.courseVersion ?? 'unknown',
    exercises: graded,
    ...(notInCourse.length ? { notInCourse } : {}),
  });
}

/** One exercise in a fresh browser context: nothing one run does can reach the next. */
async function gradeExercise(
  session: BrowserSession,
  exercise: CourseExercise,
  planned: GradingPlan['exercises'][number],
  code: string,
  maxPoints: number,
): Promise<ExerciseGrade> {
  const base = { exercise: exercise.id, maxPoints };
  const runner = await session.newRunner();
  try {
    // Learners' drawings stay in their browsers; every submission is graded on the same sample drawings.
    if (exercise.readsDrawings) await runner.useSampleDrawings();
    const holdout = planned.holdoutModel !== undefined && 'scorer' in scoring;
    const input = runInput(code, exercise, 'auto', true);
    const run: RunResult = await runner.run(holdout ? { ...input, exportModel: 'always', exportName: planned.holdoutModel } : input);
    if (run.status === 'error') {
      return { ...base, status: 'error', points: 0, checks: [], problem: `${run.error?.phase}: ${run.error?.message}` };
    }
    const checks = (run.checks ?? []).map((check) => ({
      title: check.title,
      status: check.status,
      points: check.points ?? 1,
      ...(check.hidden ? { hidden: true } : {}),
      ...(check.message !== undefined ? { message: check.message } : {}),
      ...(check.hint !== undefined && check.status === 'fail' ? { hint: check.hint } : {}),
    }));
    const points = checks.reduce((sum, check) => sum + (check.status === 'pass' ? check.points : 0), 0);
    const grade: ExerciseGrade = {
      ...base,
      status: checks.length > 0 && checks.every((check) => check.status === 'pass') ? 'pass' : 'fail',
      points,
      checks,
    };
    if (holdout && 'scorer' in scoring) {
      const saved = (await runner.page.evaluate(() => (window as unknown as { transferLab: { model(): unknown } }).transferLab.model())) as SavedModel | null;
      if (!saved) grade.holdout = { error: `no \`${planned.holdoutModel}\` model to score (not exported, or not a tf.LayersModel)` };
      else {
        try {
          const [onHoldout, onSiteTest] = await scoring.scorer.score(saved);
          grade.holdout = { exportName: saved.exportName, holdout: onHoldout!, siteTest: onSiteTest! };
        } catch (error) {
          grade.holdout = { error: `the exported model could not be scored: ${(error as Error).message.split('\n')[0]}` };
        }
      }
    }
    return grade;
  } catch (error) {
    // The page itself died (e.g. the code exhausted memory): that submission fails, the batch goes on.
    return { ...base, status: 'error', points: 0, checks: [], problem: `The browser tab crashed: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    await runner.close().catch(() => {});
  }
}

function progress(finished: number, total: number, label: string) {
  const width = 24;
  const filled = total ? Math.round((finished / total) * width) : width;
  process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${finished}/${total} ${label.slice(0, 40).padEnd(40)}`);
}

function fatal(message: string): never {
  console.error(message);
  process.exit(2);
}
