/**
 * What `npm run grade` produces, apart from running code: the grade records, grades.csv,
 * grades-report.md, sharding a folder of submissions and merging the shards' results.
 * Pure functions (no browser, no files), so a test can check that two merged shards give
 * the CSV of one run.
 */
import { toCsv } from '../lib/csv.ts';
import type { ListedCheck } from './check-list.ts';

/** What the grader knows of the course before grading anything (the CSV's columns come from it). */
export interface GradingPlan {
  courseTitle: string;
  /** The course version this build has (src/progress/course-version.ts). */
  courseVersion: string;
  exercises: {
    id: string;
    checks: ListedCheck[];
    /** The export scored on the hidden holdout (checks.ts `const HOLDOUT_MODEL = '…'`), if any. */
    holdoutModel?: string;
    /** The exercise's version (starter and checks) in this build. */
    version: string;
  }[];
}

export interface CheckGrade {
  title: string;
  status: 'pass' | 'fail';
  points: number;
  hidden?: boolean;
  message?: string;
  hint?: string;
}

export interface ExerciseGrade {
  exercise: string;
  status: 'pass' | 'fail' | 'missing' | 'error';
  points: number;
  maxPoints: number;
  checks: CheckGrade[];
  /** Why nothing was graded (missing code, a run error, a crash). */
  problem?: string;
  /** Accuracy of the exported model on the hidden holdout and on the site's test split (scored in Node). */
  holdout?: { exportName: string; holdout: number; siteTest: number } | { error: string };
  /** The exercise version the learner's saved code began from, when the work file says. */
  startedFrom?: string;
}

export interface SubmissionGrade {
  learner: string;
  file: string;
  error?: string;
  /** The course version the work file was downloaded from ("unknown" for files older than versions). */
  courseVersion?: string;
  exercises: ExerciseGrade[];
  /** Exercise ids in the file that this course does not have: not run, listed in the report. */
  notInCourse?: string[];
  seconds: number;
}

/** What each shard writes (grades.json) and the merge reads. */
export interface GradesFile {
  format: 'transfer-lab-grades';
  plan: GradingPlan;
  shard?: { index: number; total: number };
  grades: SubmissionGrade[];
}

/** The order submissions are graded and listed in: by file name, numbers by value. */
export function submissionOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Parses "i/n" (1-based, as Playwright's --shard); throws a message for anything else. */
export function parseShard(text: string): { index: number; total: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) throw new Error(`--shard takes i/n with 1 <= i <= n (e.g. --shard 2/4), got "${text}"`);
  return { index, total };
}

/** The files of shard i of n: contiguous blocks of the sorted list, sizes differing by at most one. */
export function shardFiles(files: readonly string[], shard: { index: number; total: number }): string[] {
  const sorted = [...files].sort(submissionOrder);
  const start = Math.floor(((shard.index - 1) * sorted.length) / shard.total);
  const end = Math.floor((shard.index * sorted.length) / shard.total);
  return sorted.slice(start, end);
}

/** Joins shards' results into one, as if graded in one run. Throws when they do not fit together. */
export function mergeGrades(files: readonly GradesFile[]): GradesFile {
  if (files.length === 0) throw new Error('--merge needs at least one folder with a grades.json');
  const plan = files[0]!.plan;
  const planText = JSON.stringify(plan);
  const seen = new Map<string, number>();
  const grades: SubmissionGrade[] = [];
  files.forEach((file, i) => {
    if (file.format !== 'transfer-lab-grades') throw new Error(`folder ${i + 1}: its grades.json is not a grader's result`);
    if (JSON.stringify(file.plan) !== planText) {
      throw new Error(`folder ${i + 1} was graded against another build of the course (other exercises, checks or version): grade every shard with the same build`);
    }
    for (const grade of file.grades) {
      if (seen.has(grade.file)) throw new Error(`${grade.file} was graded in folder ${seen.get(grade.file)! + 1} and in folder ${i + 1}: the shards overlap`);
      seen.set(grade.file, i);
      grades.push(grade);
    }
  });
  const totals = new Set(files.map((f) => f.shard?.total).filter((t) => t !== undefined));
  if (totals.size === 1) {
    const total = [...totals][0]!;
    const indexes = new Set(files.map((f) => f.shard?.index));
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !indexes.has(i));
    if (missing.length) throw new Error(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${total}`).join(', ')} missing from the merge`);
  }
  grades.sort((a, b) => submissionOrder(a.file, b.file));
  return { format: 'transfer-lab-grades', plan, grades };
}

const percentCell = (value: number): string => (Number.isFinite(value) ? value.toFixed(4) : '');

/** grades.csv: one row per learner; per exercise its status, points, holdout and site-test accuracy, and one column per check. */
export function csvOf(plan: GradingPlan, grades: readonly SubmissionGrade[]): string {
  const header = ['learner', 'file', 'course version'];
  for (const exercise of plan.exercises) {
    header.push(exercise.id, `${exercise.id} points`);
    if (exercise.holdoutModel) header.push(`${exercise.id} holdout accuracy`, `${exercise.id} site test accuracy`);
    for (const check of exercise.checks) header.push(`${exercise.id}: ${check.hidden ? '[hidden] ' : ''}${check.title}`);
  }
  header.push('exercises passed', 'points', 'max points', 'error');
  const maxPoints = plan.exercises.reduce((sum, e) => sum + e.checks.reduce((s, c) => s + c.points, 0), 0);
  const rows = grades.map((grade) => {
    const row: (string | number)[] = [grade.learner, grade.file, versionCell(plan, grade)];
    let points = 0;
    for (const exercise of plan.exercises) {
      const found = grade.exercises.find((e) => e.exercise === exercise.id);
      const max = exercise.checks.reduce((s, c) => s + c.points, 0);
      row.push(found?.status ?? '', found ? `${found.points}/${max}` : '');
      points += found?.points ?? 0;
      if (exercise.holdoutModel) {
        const scored = found?.holdout && 'holdout' in found.holdout ? found.holdout : undefined;
        row.push(scored ? percentCell(scored.holdout) : '', scored ? percentCell(scored.siteTest) : '');
      }
      exercise.checks.forEach((check, i) => {
        const result = found?.checks.find((c, j) => c.title === check.title && (c.hidden ?? false) === check.hidden) ?? found?.checks[i];
        row.push(result && result.title === check.title ? result.status : '');
      });
    }
    const passed = grade.error ? '' : `${grade.exercises.filter((e) => e.status === 'pass').length}/${plan.exercises.length}`;
    row.push(passed, grade.error ? '' : points, grade.error ? '' : maxPoints, grade.error ?? '');
    return row;
  });
  return toCsv([header, ...rows]);
}

function versionCell(plan: GradingPlan, grade: SubmissionGrade): string {
  if (grade.error) return '';
  const version = grade.courseVersion ?? 'unknown';
  return version === plan.courseVersion ? `${version} (current)` : version;
}

/**
 * grades-report.md: per learner, each exercise's points and, for every check they failed, its
 * title, its message and its hint (hidden checks' messages too, marked: never their code).
 */
export function reportOf(plan: GradingPlan, grades: readonly SubmissionGrade[], gradedAt: string): string {
  const lines = [
    `# Grades: ${plan.courseTitle}`,
    '',
    `Graded ${gradedAt} against ${plan.exercises.length} exercises (hidden checks included), course version ${plan.courseVersion}.`,
    '',
  ];
  for (const grade of grades) {
    lines.push(`## ${grade.learner}`, '');
    if (grade.error) {
      lines.push(`**Not graded:** ${grade.error}`, '');
      continue;
    }
    const version = grade.courseVersion ?? 'unknown';
    if (version !== plan.courseVersion) {
      lines.push(`Submitted from course version ${version === 'unknown' ? 'unknown (a work file from before course versions)' : version}; graded against ${plan.courseVersion}.`, '');
    }
    for (const exercise of grade.exercises) {
      const planned = plan.exercises.find((e) => e.id === exercise.exercise);
      const mark = exercise.status === 'pass' ? '✅' : '❌';
      const holdout = exercise.holdout && 'holdout' in exercise.holdout
        ? `; holdout ${(exercise.holdout.holdout * 100).toFixed(1)}% vs site test ${(exercise.holdout.siteTest * 100).toFixed(1)}% (\`${exercise.holdout.exportName}\`)`
        : '';
      lines.push(`- ${mark} \`${exercise.exercise}\`: ${exercise.status}, ${exercise.points}/${exercise.maxPoints} points${holdout}`);
      if (exercise.startedFrom && planned && exercise.startedFrom !== planned.version) {
        lines.push('  - Your code began from an older starter of this exercise (the course changed since).');
      }
      if (exercise.problem) lines.push(`  - ${oneLine(exercise.problem)}`);
      for (const check of exercise.checks) {
        if (check.status === 'pass') continue;
        const points = check.points === 1 ? '1 point' : `${check.points} points`;
        lines.push(`  - ${check.hidden ? '[hidden] ' : ''}${check.title} (${points}): ${oneLine(check.message ?? 'failed')}${check.hint ? ` Hint: ${oneLine(check.hint)}` : ''}`);
      }
    }
    if (grade.notInCourse) {
      lines.push(`- Not graded, not exercises of this course (renamed or removed?): ${grade.notInCourse.map((id) => `\`${id}\``).join(', ')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');
