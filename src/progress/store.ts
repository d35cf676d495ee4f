/**
 * Which exercises the learner has passed (and tried), kept in localStorage
 * under one versioned key. Exercise ids are "lesson/exercise".
 *
 * Like the code store, nothing here throws: without storage the progress
 * simply is not remembered, and an unreadable record is set aside.
 */
import { exerciseOfCodeKey, storageKeys } from './keys.ts';
import { listKeys, parseStoredObject, readItem, setAside, writeItem, type WriteOutcome } from './local-storage.ts';

export interface ExerciseProgress {
  /** Epoch ms of the first passing run. */
  passedAt?: number;
  /** Epoch ms of the first run that failed its checks or crashed (unlocks the solution). */
  attemptedAt?: number;
}

export interface ProgressRecord {
  version: 1;
  exercises: Record<string, ExerciseProgress>;
}

export type LessonState = 'done' | 'started' | 'none';

const empty = (): ProgressRecord => ({ version: 1, exercises: {} });

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Parses the stored record; null when unreadable. Unknown fields are dropped. */
export function parseProgress(raw: string): ProgressRecord | null {
  const value = parseStoredObject(raw);
  if (!value) return null;
  const { version, exercises } = value;
  if (version !== 1 || typeof exercises !== 'object' || exercises === null) return null;
  const record = empty();
  for (const [id, entry] of Object.entries(exercises)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { passedAt, attemptedAt } = entry as Record<string, unknown>;
    record.exercises[id] = {
      ...(isTime(passedAt) ? { passedAt } : {}),
      ...(isTime(attemptedAt) ? { attemptedAt } : {}),
    };
  }
  return record;
}

export function createProgressStore(storage: Storage | null, now: () => number = Date.now) {
  function read(): ProgressRecord {
    if (!storage) return empty();
    const raw = readItem(storage, storageKeys.progress);
    if (!raw) return empty();
    const record = parseProgress(raw);
    if (record) return record;
    // Keep the unreadable value for a human to look at, and start afresh with an empty record.
    setAside(storage, storageKeys.progress, raw, storageKeys.unreadable(storageKeys.progress, now()), JSON.stringify(empty()));
    return empty();
  }

  function write(record: ProgressRecord): WriteOutcome {
    if (!storage) return 'error';
    return writeItem(storage, storageKeys.progress, JSON.stringify(record));
  }

  function update(exercise: string, change: (entry: ExerciseProgress) => ExerciseProgress): WriteOutcome {
    const record = read();
    record.exercises[exercise] = change(record.exercises[exercise] ?? {});
    return write(record);
  }

  return {
    read,
    write,
    markPassed(exercise: string): WriteOutcome {
      return update(exercise, (entry) => ({ ...entry, passedAt: entry.passedAt ?? now() }));
    },
    markAttempted(exercise: string): WriteOutcome {
      return update(exercise, (entry) => ({ ...entry, attemptedAt: entry.attemptedAt ?? now() }));
    },
    isPassed(exercise: string): boolean {
      return read().exercises[exercise]?.passedAt !== undefined;
    },
    hasAttempted(exercise: string): boolean {
      const entry = read().exercises[exercise];
      return entry?.attemptedAt !== undefined || entry?.passedAt !== undefined;
    },
    /** Exercises with saved code (a learner who typed has started, even before running). */
    exercisesWithCode(): string[] {
      if (!storage) return [];
      return listKeys(storage).map(exerciseOfCodeKey).filter((id): id is string => id !== null);
    },
  };
}

export type ProgressStore = ReturnType<typeof createProgressStore>;

/**
 * A lesson's state for the sidebar tick: done when every one of its
 * exercises passed, started when any was passed, tried or edited.
 * `exercises` are the lesson's exercise names; when unknown (empty), a
 * lesson can be started but never done.
 */
export function lessonState(
  record: ProgressRecord,
  lesson: string,
  exercises: string[],
  withCode: string[] = [],
): LessonState {
  const ids = exercises.map((name) => `${lesson}/${name}`);
  if (ids.length > 0 && ids.every((id) => record.exercises[id]?.passedAt !== undefined)) return 'done';
  const prefix = `${lesson}/`;
  const touched =
    Object.keys(record.exercises).some((id) => id.startsWith(prefix)) || withCode.some((id) => id.startsWith(prefix));
  return touched ? 'started' : 'none';
}

/** How many of `exercises` ("lesson/exercise" ids) are passed. */
export function countPassed(record: ProgressRecord, exercises: string[]): number {
  return exercises.filter((id) => record.exercises[id]?.passedAt !== undefined).length;
}
