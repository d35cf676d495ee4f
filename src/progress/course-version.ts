/**
 * Versions of the course's exercises, so saved work knows what it began from.
 *
 * An exercise's version is a hash of its starter and its checks as the site ships them: a new
 * build that changes either gives it a new version. The course version is a hash of every
 * exercise's id and version. The page computes them from the sources it already has (the
 * island's starter and checks; the list in the build), the grader from the lesson files:
 * the same text gives the same version on both sides.
 */

/** 53-bit string hash (cyrb53 mixing), as 11 hex digits at most. */
function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** Line endings do not make a new version (a checkout on Windows has the same course). */
const normalized = (text: string): string => text.replace(/\r\n?/g, '\n');

/** The version of one exercise: its starter and its (public) checks. */
export function exerciseVersion(starter: string, checks: string): string {
  return hashText(`starter\n${normalized(starter)}\nchecks\n${normalized(checks)}`);
}

/** The version of the whole course: every exercise's id and version, in id order. */
export function courseVersion(exercises: readonly { id: string; starter: string; checks: string }[]): string {
  const lines = exercises.map((e) => `${e.id} ${exerciseVersion(e.starter, e.checks)}`).sort();
  return hashText(lines.join('\n'));
}
