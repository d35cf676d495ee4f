/**
 * Loads and validates the course config file. Used by astro.config.mjs and by
 * the course scripts (verify, grade), so every tool sees the same config.
 *
 * `TL_COURSE_CONFIG` selects another config file and `TL_LESSONS_DIR` another
 * lessons folder; the tests build fixture courses that way.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { courseSchema, type CourseConfig } from '../schemas/course-config.ts';
import { parseWithFriendlyErrors } from '../schemas/friendly-errors.ts';

export interface CoursePaths {
  root: string;
  configFile: string;
  lessonsDir: string;
}

export function coursePaths(root = process.cwd()): CoursePaths {
  return {
    root,
    configFile: resolve(root, process.env.TL_COURSE_CONFIG ?? 'course.config.ts'),
    lessonsDir: resolve(root, process.env.TL_LESSONS_DIR ?? 'lessons'),
  };
}

export async function loadCourseConfig(paths: CoursePaths = coursePaths()): Promise<CourseConfig> {
  if (!existsSync(paths.configFile)) {
    throw new Error(`Course config not found: ${paths.configFile}`);
  }
  const module = (await import(/* @vite-ignore */ pathToFileURL(paths.configFile).href)) as { default?: unknown };
  if (module.default === undefined) {
    throw new Error(`${paths.configFile} must \`export default defineCourse({ ... })\`.`);
  }
  return parseWithFriendlyErrors(courseSchema, module.default, `course config (${paths.configFile})`);
}
