/**
 * The published lessons in course order. The one place that decides which
 * lessons exist, their order, slugs and URLs; pages and navigation use it.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { join } from 'node:path';
import { course } from './course/config.ts';
import { coursePaths } from './course/load-config.ts';
import { orderLessons, slugFromFolder } from './course/lesson-order.ts';
import { exerciseNamesInMdx } from './course/exercise-files.ts';

export interface Lesson {
  entry: CollectionEntry<'lessons'>;
  /** Folder name without its number: "what-is-transfer-learning". Stable across reordering. */
  slug: string;
  /** Position in the course, from 1. */
  number: number;
  title: string;
  sidebarLabel: string;
  summary: string;
  /** Page URL, base path included. */
  href: string;
  /** Absolute folder path (for exercise files). */
  dir: string;
  /** Names of the lesson's exercises, in order (`<Exercise name>` in its MDX). */
  exercises: string[];
}

export function lessonHref(slug: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}lessons/${slug}/`;
}

export async function getLessons(): Promise<Lesson[]> {
  const entries = await getCollection('lessons', (entry) => !entry.data.draft || import.meta.env.DEV);
  const ordered = orderLessons(
    entries.map((entry) => ({ entry, folder: entry.id, slug: slugFromFolder(entry.id) })),
    course,
  );
  const lessonsDir = coursePaths().lessonsDir;
  return ordered.map(({ entry, slug }, index) => ({
    entry,
    slug,
    number: index + 1,
    title: entry.data.title,
    sidebarLabel: entry.data.sidebarLabel ?? entry.data.title,
    summary: entry.data.summary,
    href: lessonHref(slug),
    dir: join(lessonsDir, entry.id),
    exercises: exerciseNamesInMdx(entry.body ?? ''),
  }));
}
