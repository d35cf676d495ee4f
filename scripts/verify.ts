/**
 * The course doctor: checks the whole course the way CI does, and names the
 * file of every problem.
 *
 *   npm run verify                 build, then check everything
 *   npm run verify -- --skip-build check the existing build (npm test does this right after building)
 *
 * 1. Every lesson's frontmatter fits the schema; every <Exercise> has its files.
 * 2. Every starter, solution and checks file compiles (same transpiler as the browser).
 * 3. The built site has no broken internal links.
 * 4. In headless Chromium, through the built site's runner: every solution
 *    passes all its checks (hidden checks included) and every starter fails
 *    at least one. One table row per exercise; exit code 1 on any problem.
 */
import { spawnSync } from 'node:child_process';
import { coursePaths, loadCourseConfig } from '../src/course/load-config.ts';
import { discoverCourse, type CourseExercise, type CourseProblem } from '../src/course/discover.ts';
import { compileProblems } from '../src/course/compile-sources.ts';
import { findBrokenLinks } from './lib/links.ts';
import { openBrowserSession, runInput } from './lib/browser-session.ts';
import type { RunResult } from '../src/sandbox/protocol.ts';

const args = new Set(process.argv.slice(2));
const paths = coursePaths();
const dist = process.env.TL_OUT_DIR ?? 'dist';
const problems: CourseProblem[] = [];

const course = await loadCourseConfig(paths);
const { lessons, problems: found } = discoverCourse(paths.lessonsDir, course);
problems.push(...found);
const exercises = lessons.flatMap((lesson) => lesson.exercises);

problems.push(...compileProblems(exercises));

if (!args.has('--skip-build') && problems.length === 0) {
  console.log('Building the site…');
  const build = spawnSync('npx', ['astro', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) problems.push({ file: 'astro build', message: 'The build failed (see above).' });
}

if (problems.length === 0) {
  for (const link of findBrokenLinks(dist, course.base)) {
    problems.push({ file: `${dist}/${link.page}`, message: `Broken internal link: ${link.url}` });
  }
}

interface Row {
  exercise: string;
  checks: number;
  solution: string;
  starter: string;
  seconds: string;
}
const rows: Row[] = [];

if (problems.length === 0 && exercises.length > 0) {
  const session = await openBrowserSession({ dist, base: course.base });
  try {
    for (const exercise of exercises) rows.push(await verifyExercise(exercise));
  } finally {
    await session.close();
  }

  async function verifyExercise(exercise: CourseExercise): Promise<Row> {
    const runner = await session.newRunner();
    try {
      if (exercise.readsDrawings) await runner.useSampleDrawings();
      const started = performance.now();
      const solved = await runner.run(runInput(exercise.solution, exercise, 'auto', true));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const starter = await runner.run(runInput(exercise.starter, exercise, 'auto', true));
      const solutionVerdict = verdict(solved);
      const starterVerdict = verdict(starter);
      if (solutionVerdict !== 'passes') {
        problems.push({ file: exercise.files.solution, message: `The solution should pass every check but ${solutionVerdict}: ${failures(solved)}` });
      }
      if (starterVerdict === 'passes') {
        problems.push({ file: exercise.files.starter, message: 'The starter passes every check: at least one check must fail on it, or the exercise teaches nothing.' });
      }
      return {
        exercise: exercise.id,
        checks: solved.checks?.length ?? 0,
        solution: solutionVerdict,
        starter: starterVerdict === 'passes' ? 'passes (bad)' : `fails (${starterVerdict === 'fails' ? `${(starter.checks ?? []).filter((c) => c.status === 'fail').length} checks` : starterVerdict})`,
        seconds,
      };
    } finally {
      await runner.close();
    }
  }
}

function verdict(result: RunResult): string {
  if (result.status === 'error') return `crashes (${result.error?.phase}: ${result.error?.message})`;
  const checks = result.checks ?? [];
  if (checks.length === 0) return 'has no checks';
  return checks.every((check) => check.status === 'pass') ? 'passes' : 'fails';
}

function failures(result: RunResult): string {
  if (result.status === 'error') return result.error?.message ?? 'unknown error';
  return (result.checks ?? [])
    .filter((check) => check.status === 'fail')
    .map((check) => `"${check.title}": ${check.message ?? ''}`)
    .join('; ');
}

if (rows.length) {
  console.log('\n| exercise | checks | solution | starter | solution run (s) |\n| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.exercise} | ${row.checks} | ${row.solution} | ${row.starter} | ${row.seconds} |`);
}
console.log(`\n${lessons.length} lessons, ${exercises.length} exercises checked.`);
if (problems.length) {
  console.error(`\n${problems.length} problem(s):`);
  for (const problem of problems) console.error(`✗ ${problem.file}\n  ${problem.message.replace(/\n/g, '\n  ')}`);
  process.exit(1);
}
console.log('✓ The course is healthy.');
