/**
 * The learner's own result of an exercise, kept so a page can show it beside
 * the course's data across reloads (lesson 6 plots the learner's scratch and
 * transfer accuracies on the experiment chart).
 *
 * Stored under `storageKeys.ownRun(exercise)` as
 * `{ version: 1, numbers: { name: number }, savedAt }`. Like the code store,
 * nothing here throws: without storage the run is simply not remembered, and
 * an unreadable value is set aside (`setAside` in local-storage.ts, the same
 * rule as the code and progress stores), never deleted, so the chart works
 * again and nothing is lost.
 */
import { storageKeys } from './keys.ts';
import { parseStoredObject, readItem, setAside, writeItem, type WriteOutcome } from './local-storage.ts';

export interface OwnRun {
  version: 1;
  /** The finite numbers the passing run exported, by export name. */
  numbers: Record<string, number>;
  /** Epoch milliseconds of the passing run. */
  savedAt: number;
}

export type OwnRunLoad =
  | { kind: 'empty' }
  | { kind: 'saved'; run: OwnRun }
  /** The stored value could not be read; it was moved to `backupKey` (null if even that failed). */
  | { kind: 'unreadable'; backupKey: string | null }
  | { kind: 'unavailable' };

/** Parses a stored value; null when it is not an OwnRun. Non-finite numbers make it unreadable. */
export function parseOwnRun(raw: string): OwnRun | null {
  const value = parseStoredObject(raw);
  if (!value) return null;
  const { version, numbers, savedAt } = value;
  if (version !== 1 || typeof savedAt !== 'number' || !Number.isFinite(savedAt)) return null;
  if (typeof numbers !== 'object' || numbers === null || Array.isArray(numbers)) return null;
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(numbers)) {
    if (typeof n !== 'number' || !Number.isFinite(n)) return null;
    out[name] = n;
  }
  return { version: 1, numbers: out, savedAt };
}

export function createOwnRunStore(storage: Storage | null, exercise: string, now: () => number = Date.now) {
  const key = storageKeys.ownRun(exercise);
  return {
    key,
    load(): OwnRunLoad {
      if (!storage) return { kind: 'unavailable' };
      const raw = readItem(storage, key);
      if (raw === undefined) return { kind: 'unavailable' };
      if (raw === null) return { kind: 'empty' };
      const run = parseOwnRun(raw);
      if (run) return { kind: 'saved', run };
      // The project's one rule for unreadable values (local-storage.ts): copied aside, then cleared.
      return { kind: 'unreadable', backupKey: setAside(storage, key, raw, storageKeys.unreadable(key, now())) };
    },
    save(numbers: Record<string, number>): WriteOutcome {
      if (!storage) return 'error';
      const run: OwnRun = { version: 1, numbers, savedAt: now() };
      return writeItem(storage, key, JSON.stringify(run));
    },
  };
}
