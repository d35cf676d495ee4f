/**
 * Which lessons a course shows, and in what order. Pure, so the site
 * (src/lessons.ts) and the teacher tools (src/course/discover.ts, used by scripts/verify.ts and scripts/grade.ts) share one rule:
 * folders sort by their number; `lessonOrder` in the course config moves the
 * slugs it lists to the front, in its order; `hiddenLessons` are left out.
 */
import type { CourseConfig } from '../schemas/course-config.ts';

/** "03-modify-the-model" -> "modify-the-model". Stable across reordering, so URLs and saved work survive it. */
export function slugFromFolder(folder: string): string {
  return folder.replace(/^\d+[-_]/, '');
}

export function orderLessons<T extends { folder: string; slug: string }>(
  items: readonly T[],
  course: Pick<CourseConfig, 'lessonOrder' | 'hiddenLessons'>,
): T[] {
  const order = course.lessonOrder ?? [];
  const rank = (slug: string) => (order.includes(slug) ? order.indexOf(slug) : order.length);
  return items
    .filter((item) => !course.hiddenLessons.includes(item.slug))
    .sort((a, b) => a.folder.localeCompare(b.folder, 'en', { numeric: true }))
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item.slug) - rank(b.item.slug) || a.index - b.index)
    .map(({ item }) => item);
}
