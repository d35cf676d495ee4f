/**
 * "Download my work" / "Load my work": one JSON file with the learner's code
 * and progress, so work moves between browsers or goes to a teacher.
 * The format is documented in ./README.md; the schema below is its source of
 * truth (the type is derived from it).
 *
 * Loading is all-or-nothing: the file is fully validated first, and if a
 * write fails half-way every key is put back as it was.
 */
import { z } from 'zod';
import { format, ui } from '../i18n/ui.ts';
import { parseSavedCode, type SavedCode } from './code-store.ts';
import { exerciseOfCodeKey, storageKeys } from './keys.ts';
import { listKeys, readItem, writeItem } from './local-storage.ts';
import { createProgressStore } from './store.ts';

export const WORK_FORMAT = 'transfer-lab-work';
/** Work files hold code only; anything bigger is refused before it is read (by the page and by the grader). */
export const MAX_WORK_FILE_BYTES = 5 * 1024 * 1024;
export const WORK_VERSION = 1;

/** "lesson-slug/exercise-name", as used in storage keys. */
const exerciseIdSchema = z
  .string()
  .regex(/^[a-z0-9][\w-]*\/[a-z0-9][a-z0-9-]*$/, 'an exercise id like "lesson-slug/exercise-name"');

export const workFileSchema = z
  .object({
    format: z.literal(WORK_FORMAT).describe('Always "transfer-lab-work": tells this file apart from any other JSON.'),
    version: z.literal(WORK_VERSION).describe('Format version; a later format gets a new number.'),
    course: z.string().min(1).describe('The course id (course.config.ts `id`); files of another course are refused.'),
    courseVersion: z
      .string()
      .max(64)
      .optional()
      .describe('The course version the file was downloaded from (src/progress/course-version.ts); absent in files from before versions.'),
    savedAt: z.iso.datetime().describe('When the file was downloaded (ISO 8601, UTC).'),
    exercises: z
      .record(
        exerciseIdSchema,
        z
          .object({
            code: z.string().max(1_000_000).describe("The learner's code, exactly as typed."),
            passed: z.boolean().describe('Whether the learner passed all checks of this exercise in this browser.'),
            updatedAt: z.iso.datetime().describe('When the code was last saved (ISO 8601, UTC).'),
            startedFrom: z
              .string()
              .max(64)
              .optional()
              .describe('The version of the exercise (its starter and checks) the code began from; absent when unknown.'),
          })
          .strict(),
      )
      .describe('One entry per exercise the learner wrote code for, keyed "lesson-slug/exercise-name".'),
  })
  .strict();

export type WorkFile = z.infer<typeof workFileSchema>;

export type WorkParse = { ok: true; file: WorkFile } | { ok: false; reason: string };

/** Everything this browser holds for the course, as a work file. */
export function collectWork(storage: Storage | null, course: string, now: Date = new Date(), courseVersion?: string): WorkFile {
  const exercises: WorkFile['exercises'] = {};
  if (storage) {
    const progress = createProgressStore(storage).read();
    for (const key of listKeys(storage)) {
      const id = exerciseOfCodeKey(key);
      const raw = id ? readItem(storage, key) : null;
      const saved = raw ? parseSavedCode(raw) : null;
      if (!id || !saved || !exerciseIdSchema.safeParse(id).success) continue;
      exercises[id] = {
        code: saved.code,
        passed: progress.exercises[id]?.passedAt !== undefined,
        updatedAt: new Date(saved.updatedAt).toISOString(),
        ...(saved.startedFrom ? { startedFrom: saved.startedFrom } : {}),
      };
    }
  }
  return { format: WORK_FORMAT, version: WORK_VERSION, course, ...(courseVersion ? { courseVersion } : {}), savedAt: now.toISOString(), exercises };
}

/** Reads a file's text; a foreign, malformed or other-course file gets a reason the learner can act on. */
export function parseWorkFile(text: string, course: string): WorkParse {
  const t = ui.progress;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: t.notJson };
  }
  const header = value as { format?: unknown; version?: unknown; course?: unknown } | null;
  if (typeof header !== 'object' || header === null || header.format !== WORK_FORMAT) {
    return { ok: false, reason: t.notWorkFile };
  }
  if (typeof header.version === 'number' && header.version > WORK_VERSION) {
    return { ok: false, reason: format(t.newerVersion, { version: header.version }) };
  }
  const parsed = workFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'file';
    return { ok: false, reason: format(t.invalidField, { field, message: issue.message }) };
  }
  if (parsed.data.course !== course) {
    return { ok: false, reason: format(t.otherCourse, { course: parsed.data.course }) };
  }
  return { ok: true, file: parsed.data };
}

export type WorkApply = { ok: true; count: number } | { ok: false; reason: string };

/**
 * Writes a validated work file into storage: each exercise's code becomes the
 * newest revision (the code it replaces is kept as that exercise's backup),
 * and passed exercises are marked passed. Never un-passes an exercise.
 */
export function applyWork(storage: Storage | null, file: WorkFile, now: () => number = Date.now): WorkApply {
  if (!storage) return { ok: false, reason: ui.progress.storageUnavailable };
  const writes = new Map<string, string>();
  const progress = createProgressStore(storage, now).read();

  for (const [id, entry] of Object.entries(file.exercises)) {
    const key = storageKeys.code(id);
    const raw = readItem(storage, key);
    const current = raw ? parseSavedCode(raw) : null;
    if (current && current.code !== entry.code) {
      writes.set(storageKeys.codeBackup(id), JSON.stringify({ ...current, revision: 1 } satisfies SavedCode));
    }
    const saved: SavedCode = {
      code: entry.code,
      revision: (current?.revision ?? 0) + 1,
      updatedAt: Date.parse(entry.updatedAt),
      tab: 'work-file',
      ...(entry.startedFrom ? { startedFrom: entry.startedFrom } : {}),
    };
    writes.set(key, JSON.stringify(saved));
    if (entry.passed) {
      const was = progress.exercises[id] ?? {};
      progress.exercises[id] = { ...was, passedAt: was.passedAt ?? now() };
    }
  }
  writes.set(storageKeys.progress, JSON.stringify(progress));

  const before = new Map([...writes.keys()].map((key) => [key, readItem(storage, key) ?? null]));
  for (const [key, value] of writes) {
    const outcome = writeItem(storage, key, value);
    if (outcome !== 'ok') {
      for (const [restoreKey, previous] of before) {
        try {
          if (previous === null) storage.removeItem(restoreKey);
          else storage.setItem(restoreKey, previous);
        } catch {
          // Best effort: a storage that fails to restore fails the same way for every key.
        }
      }
      return { ok: false, reason: outcome === 'quota' ? ui.progress.storageFull : ui.progress.storageUnavailable };
    }
  }
  return { ok: true, count: Object.keys(file.exercises).length };
}

/** The download's file name, e.g. "transfer-lab-work-2025-01-31.json". */
export function workFileName(course: string, now: Date = new Date()): string {
  return `${course}-work-${now.toISOString().slice(0, 10)}.json`;
}
