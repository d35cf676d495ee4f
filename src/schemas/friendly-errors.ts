/**
 * Turns zod issues into messages a teacher can act on: which file, which
 * field, what was expected and what was found (Starlight's practice).
 */
import type { z } from 'astro/zod';

export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(top level)';
    const found = valueAt(input, issue.path);
    const foundText = found === undefined ? 'nothing' : JSON.stringify(found);
    return `- ${path}: ${issue.message} (found ${truncate(foundText, 80)})`;
  });
}

export function parseWithFriendlyErrors<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = describeIssues(result.error.issues, input);
  throw new Error(`Invalid ${where}:\n${lines.join('\n')}`);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
