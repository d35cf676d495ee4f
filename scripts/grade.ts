/**
 * Regrades learners' "Download my work" files, offline, without a server.
 *
 *   npm run grade -- <folder> [--out <folder>] [--skip-build]
 *
 * Every submission's code is re-run in headless Chromium, in a fresh browser
 * context, against the course's checks plus the hidden checks
 * (`checks.hidden.ts`, which never reach the built site), with each
 * exercise's time limit. What the file claims (`passed`) is ignored: only the
 * re-run counts. A malformed, foreign or hostile file gets an error row with
 * the reason, and the batch goes on.
 *
 * Writes grades.csv (one row per learner) and grades-report.md.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { coursePaths, loadCourseConfig } from '../src/course/load-config.ts';
import { MAX_WORK_FILE_BYTES, parseWorkFile } from '../src/progress/work-file.ts';
import type { CheckResult, RunResult } from '../src/sandbox/protocol.ts';
import { discoverCourse, type CourseExercise } from '../src/course/discover.ts';
import { openBrowserSession, runInput, type BrowserSession } from './lib/browser-session.ts';
import { toCsv } from './lib/csv.ts';


const argv = process.argv.slice(2);
const folder = argv.find((arg) => !arg.startsWith('--'));
const outIndex = argv.indexOf('--out');
const outDir = resolve(outIndex >= 0 ? argv[outIndex + 1]! : folder ?? '.');
if (!folder) {
  console.error('Usage: npm run grade -- <folder of work files> [--out <folder>] [--skip-build]');
  process.exit(2);
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

export interface ExerciseGrade {
  exercise: string;
  status: 'pass' | 'fail' | 'missing' | 'error';
  passed: number;
  total: number;
  failures: string[];
}

export interface SubmissionGrade {
  learner: string;
  file: string;
  error?: string;
  exercises: ExerciseGrade[];
  /** Exercise ids in the file that this course does not have (renamed or removed exercises, another course's): not run, listed in the report. */
  notInCourse?: string[];
  seconds: number;
}

const files = readdirSync(folder)
  .filter((name) => name.toLowerCase().endsWith('.json'))
  .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
const session = await openBrowserSession({ dist, base: course.base });
const grades: SubmissionGrade[] = [];
try {
  for (const [index, name] of files.entries()) {
    progress(index, files.length, name);
    grades.push(await gradeFile(session, join(folder, name)));
  }
  progress(files.length, files.length, 'done');
  process.stderr.write('\n');
} finally {
  await session.close();
}

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'grades.csv'), csvOf(grades));
writeFileSync(join(outDir, 'grades-report.md'), reportOf(grades));
const perSubmission = grades.reduce((sum, grade) => sum + grade.seconds, 0) / Math.max(1, grades.length);
console.log(`Graded ${grades.length} submission(s), ${perSubmission.toFixed(1)} s each on average.`);
console.log(`Wrote ${join(outDir, 'grades.csv')} and ${join(outDir, 'grades-report.md')}`);

async function gradeFile(session: BrowserSession, path: string): Promise<SubmissionGrade> {
  const started = performance.now();
  const learner = basename(path).replace(/\.json$/i, '');
  const result = (fields: Partial<SubmissionGrade>): SubmissionGrade => ({
    learner,
    file: basename(path),
    exercises: [],
    ...fields,
    seconds: (performance.now() - started) / 1000,
  });
  const size = statSync(path).size;
  if (size > MAX_WORK_FILE_BYTES) return result({ error: `File too large (${(size / 1e6).toFixed(1)} MB): not a work file.` });
  const parsed = parseWorkFile(readFileSync(path, 'utf8'), course.id);
  if (!parsed.ok) return result({ error: parsed.reason });

  const graded: ExerciseGrade[] = [];
  for (const exercise of exercises) {
    const code = parsed.file.exercises[exercise.id]?.code;
    if (code === undefined) {
      graded.push({ exercise: exercise.id, status: 'missing', passed: 0, total: 0, failures: ['No code submitted.'] });
      continue;
    }
    graded.push(await gradeExercise(session, exercise, code));
  }
  const known = new Set(exercises.map((exercise) => exercise.id));
  const notInCourse = Object.keys(parsed.file.exercises).filter((id) => !known.has(id));
  return result({ exercises: graded, ...(notInCourse.length ? { notInCourse } : {}) });
}

/** One exercise in a fresh browser context: nothing one run does can reach the next. */
async function gradeExercise(session: BrowserSession, exercise: CourseExercise, code: string): Promise<ExerciseGrade> {
  const runner = await session.newRunner();
  try {
    // Learners' drawings stay in their browsers; every submission is graded on the same sample drawings.
    if (exercise.readsDrawings) await runner.useSampleDrawings();
    const run: RunResult = await runner.run(runInput(code, exercise, 'auto', true));
    if (run.status === 'error') {
      return { exercise: exercise.id, status: 'error', passed: 0, total: 0, failures: [`${run.error?.phase}: ${run.error?.message}`] };
    }
    const checks: CheckResult[] = run.checks ?? [];
    const failed = checks.filter((check) => check.status !== 'pass');
    return {
      exercise: exercise.id,
      status: failed.length === 0 && checks.length > 0 ? 'pass' : 'fail',
      passed: checks.length - failed.length,
      total: checks.length,
      failures: failed.map((check) => `${check.hidden ? '[hidden] ' : ''}${check.title}: ${check.message ?? ''}`),
    };
  } catch (error) {
    // The page itself died (e.g. the code exhausted memory): that submission fails, the batch goes on.
    return { exercise: exercise.id, status: 'error', passed: 0, total: 0, failures: [`The browser tab crashed: ${(error as Error).message.split('\n')[0]}`] };
  } finally {
    await runner.close().catch(() => {});
  }
}

function csvOf(grades: SubmissionGrade[]): string {
  const header = ['learner', 'file', ...exercises.map((exercise) => exercise.id), 'exercises passed', 'error'];
  const rows = grades.map((grade) => {
    const cells = exercises.map((exercise) => {
      const found = grade.exercises.find((e) => e.exercise === exercise.id);
      if (!found) return '';
      return found.status === 'pass' || found.status === 'fail' ? `${found.status} ${found.passed}/${found.total}` : found.status;
    });
    const passed = grade.error ? '' : `${grade.exercises.filter((e) => e.status === 'pass').length}/${exercises.length}`;
    return [grade.learner, grade.file, ...cells, passed, grade.error ?? ''];
  });
  return toCsv([header, ...rows]);
}

function reportOf(grades: SubmissionGrade[]): string {
  const lines = [`# Grades: ${course.title}`, '', `Graded ${new Date().toISOString()} against ${exercises.length} exercises (hidden checks included).`, ''];
  for (const grade of grades) {
    lines.push(`## ${grade.learner}`, '');
    if (grade.error) {
      lines.push(`**Not graded:** ${grade.error}`, '');
      continue;
    }
    for (const exercise of grade.exercises) {
      const mark = exercise.status === 'pass' ? '✅' : '❌';
      lines.push(`- ${mark} \`${exercise.exercise}\`: ${exercise.status}${exercise.total ? ` (${exercise.passed}/${exercise.total} checks)` : ''}`);
      for (const failure of exercise.failures) lines.push(`  - ${failure.replace(/\n/g, ' ')}`);
    }
    if (grade.notInCourse) {
      lines.push(`- Not graded, not exercises of this course (renamed or removed?): ${grade.notInCourse.map((id) => `\`${id}\``).join(', ')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function progress(done: number, total: number, label: string) {
  const width = 24;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label.slice(0, 40).padEnd(40)}`);
}
