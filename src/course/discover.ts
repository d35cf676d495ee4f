/**
 * The course as the teacher tools (verify, grade, bench) see it: every
 * published lesson in order, with its exercises and their files read from
 * disk. Uses the same rules as the site: the lesson schema, the course config
 * and the exercise file rule (src/course/exercise-files.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { lessonSchema, type LessonFrontmatter } from '../schemas/lesson.ts';
import { describeIssues } from '../schemas/friendly-errors.ts';
import { exerciseId, exerciseNamesInMdx, readsDrawingsProblem, resolveExerciseFiles } from './exercise-files.ts';
import type { CourseConfig } from '../schemas/course-config.ts';
import { orderLessons, slugFromFolder } from './lesson-order.ts';

export interface CourseExercise {
  /** "lesson-slug/exercise-name", as in `data-exercise`. */
  id: string;
  lesson: string;
  name: string;
  starter: string;
  solution: string;
  checks: string;
  hiddenChecks?: string;
  /** Seconds, from `<Exercise timeLimit={…}>` or the course default. */
  timeLimitSeconds: number;
  /** Declared with `<Exercise readsDrawings>`: the tools run it with the course's sample drawings. */
  readsDrawings: boolean;
  files: { starter: string; solution: string; checks: string; hiddenChecks?: string };
}

export interface CourseLesson {
  folder: string;
  slug: string;
  dir: string;
  file: string;
  frontmatter: LessonFrontmatter;
  exercises: CourseExercise[];
}

export interface CourseProblem {
  file: string;
  message: string;
  /** Frontmatter problems are also reported by Astro's own content validation. */
  frontmatter?: true;
}

/** Reads every published lesson; problems are collected, not thrown, so the doctor can list them all. */
export function discoverCourse(lessonsDir: string, course: CourseConfig): { lessons: CourseLesson[]; problems: CourseProblem[] } {
  const problems: CourseProblem[] = [];
  const lessons: CourseLesson[] = [];
  const folders = readdirSync(lessonsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const seenSlugs = new Map<string, string>();

  for (const folder of folders) {
    const dir = join(lessonsDir, folder);
    const file = join(dir, 'index.mdx');
    if (!existsSync(file)) {
      problems.push({ file: dir, message: 'This lesson folder has no index.mdx (start a lesson by copying lessons/_template/).' });
      continue;
    }
    const slug = slugFromFolder(folder);
    if (seenSlugs.has(slug)) {
      problems.push({ file, message: `Two lesson folders have the slug "${slug}": ${seenSlugs.get(slug)} and ${folder}.` });
      continue;
    }
    seenSlugs.set(slug, folder);
    const source = readFileSync(file, 'utf8');
    const frontmatter = readFrontmatter(source, file, problems);
    if (!frontmatter || frontmatter.draft) continue;

    const exercises: CourseExercise[] = [];
    for (const name of exerciseNamesInMdx(source)) {
      try {
        const files = resolveExerciseFiles(dir, name);
        exercises.push({
          id: exerciseId(slug, name),
          lesson: slug,
          name,
          starter: readFileSync(files.starter, 'utf8'),
          solution: readFileSync(files.solution, 'utf8'),
          checks: readFileSync(files.checks, 'utf8'),
          ...(files.hiddenChecks ? { hiddenChecks: readFileSync(files.hiddenChecks, 'utf8') } : {}),
          timeLimitSeconds: timeLimitIn(source, name) ?? course.timeLimitSeconds,
          readsDrawings: readsDrawingsIn(source, name, file),
          files,
        });
      } catch (error) {
        problems.push({ file, message: (error as Error).message });
      }
    }
    const duplicates = findDuplicateExercises(source);
    for (const name of duplicates) problems.push({ file, message: `<Exercise name="${name}" /> appears more than once in this lesson.` });
    lessons.push({ folder, slug, dir, file, frontmatter, exercises });
  }
  return { lessons: orderLessons(lessons, course), problems };
}

function readFrontmatter(source: string, file: string, problems: CourseProblem[]): LessonFrontmatter | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  if (!match) {
    problems.push({ file, frontmatter: true, message: 'No frontmatter: the file must start with a --- block holding at least `title` and `summary`.' });
    return undefined;
  }
  let data: unknown;
  try {
    data = parseYaml(match[1]!);
  } catch (error) {
    problems.push({ file, frontmatter: true, message: `The frontmatter is not valid YAML: ${(error as Error).message}` });
    return undefined;
  }
  const result = lessonSchema.safeParse(data ?? {});
  if (!result.success) {
    problems.push({ file, frontmatter: true, message: `Invalid frontmatter:\n${describeIssues(result.error.issues, data).join('\n')}` });
    return undefined;
  }
  return result.data;
}

function timeLimitIn(source: string, name: string): number | undefined {
  const tag = new RegExp(`<Exercise\\b[^>]*\\bname\\s*=\\s*["']${name}["'][^>]*>`).exec(source)?.[0];
  const value = tag && /\btimeLimit\s*=\s*(?:\{\s*([\d.]+)\s*\}|["']([\d.]+)["'])/.exec(tag);
  return value ? Number(value[1] ?? value[2]) : undefined;
}

/** `readsDrawings`, `readsDrawings={true}` -> true; absent or `={false}` -> false; anything else is a problem (thrown, listed by the caller). */
function readsDrawingsIn(source: string, name: string, file: string): boolean {
  const tag = new RegExp(`<Exercise\\b[^>]*\\bname\\s*=\\s*["']${name}["'][^>]*>`).exec(source)?.[0] ?? '';
  const match = /\breadsDrawings\b(\s*=\s*(\{[^}]*\}|"[^"]*"|'[^']*'))?/.exec(tag);
  if (!match) return false;
  const value = match[2]?.replace(/\s+/g, '');
  if (value === undefined || value === '{true}') return true;
  if (value === '{false}') return false;
  throw new Error(readsDrawingsProblem(file, name, `=${match[2]}`));
}

function findDuplicateExercises(source: string): string[] {
  const all = [...source.matchAll(/<Exercise\b[^>]*?\bname\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]!);
  return [...new Set(all.filter((name, index) => all.indexOf(name) !== index))];
}
