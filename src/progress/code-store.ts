/**
 * The learner's code of one exercise in localStorage.
 *
 * Each save carries a revision number and the id of the tab that wrote it.
 * A tab remembers the revision it last read or wrote (its "base"); if the
 * stored revision is newer and came from another tab, saving would overwrite
 * work the learner did elsewhere, so `save` reports a conflict instead and
 * the page lets the learner choose.
 *
 * Nothing here throws: disabled storage, a full quota and unreadable values
 * come back as results the page turns into notices.
 */
import { storageKeys } from './keys.ts';
import { parseStoredObject, readItem, setAside as setAsideOnce, writeItem } from './local-storage.ts';

export interface SavedCode {
  code: string;
  /** Grows by one with every save, across tabs. */
  revision: number;
  /** Epoch milliseconds of the save. */
  updatedAt: number;
  /** The tab that saved it. */
  tab: string;
  /**
   * The exercise version (course-version.ts: its starter and checks) this code began from, or was
   * last reconciled with by the learner. Absent in code saved before versions were recorded.
   */
  startedFrom?: string;
}

export type CodeLoad =
  | { kind: 'empty' }
  | { kind: 'saved'; saved: SavedCode }
  /** The stored value could not be read; it was moved to `backupKey` (null if even that failed). */
  | { kind: 'unreadable'; backupKey: string | null }
  | { kind: 'unavailable' };

export type CodeSave =
  | { kind: 'saved'; saved: SavedCode }
  | { kind: 'conflict'; theirs: SavedCode }
  | { kind: 'unavailable'; reason: 'disabled' | 'quota' | 'error' };

export interface CodeStoreOptions {
  /** null when the browser refuses storage. */
  storage: Storage | null;
  exercise: string;
  /** Identifies this tab; random by default. */
  tab?: string;
  /** The exercise's current version (course-version.ts): recorded with code that begins from this starter. */
  version?: string;
  now?: () => number;
}

/** Parses a stored value; null when it is not a SavedCode. */
export function parseSavedCode(raw: string): SavedCode | null {
  const value = parseStoredObject(raw);
  if (!value) return null;
  const { code, revision, updatedAt, tab, startedFrom } = value;
  if (typeof code !== 'string' || typeof tab !== 'string') return null;
  if (!Number.isSafeInteger(revision) || (revision as number) < 1) return null;
  if (typeof updatedAt !== 'number' || !Number.isFinite(updatedAt)) return null;
  const saved: SavedCode = { code, revision: revision as number, updatedAt, tab };
  // An unreadable version only loses the version, never the code.
  if (typeof startedFrom === 'string' && startedFrom.length <= 64) saved.startedFrom = startedFrom;
  return saved;
}

export function createCodeStore(options: CodeStoreOptions) {
  const { storage, exercise } = options;
  const tab = options.tab ?? Math.random().toString(36).slice(2, 10);
  const now = options.now ?? Date.now;
  const key = storageKeys.code(exercise);
  /** The revision this tab last read or wrote. */
  let base = 0;
  /** The version the code in hand began from: the saved code's, or the current one for fresh code. */
  let startedFrom: string | undefined = options.version;

  /** Moves an unreadable value out of the way so the exercise works again and nothing is lost (local-storage.ts). */
  function setAside(store: Storage, raw: string): string | null {
    return setAsideOnce(store, key, raw, storageKeys.unreadable(key, now()));
  }

  function readCurrent(store: Storage): SavedCode | null | 'unreadable' {
    const raw = readItem(store, key);
    if (raw === null || raw === undefined) return null;
    return parseSavedCode(raw) ?? 'unreadable';
  }

  function write(store: Storage, code: string, above: number): CodeSave {
    const saved: SavedCode = { code, revision: Math.max(above, base) + 1, updatedAt: now(), tab };
    if (startedFrom !== undefined) saved.startedFrom = startedFrom;
    const outcome = writeItem(store, key, JSON.stringify(saved));
    if (outcome !== 'ok') return { kind: 'unavailable', reason: outcome };
    base = saved.revision;
    return { kind: 'saved', saved };
  }

  return {
    key,
    tab,
    /** The revision this tab works from. */
    get baseRevision() {
      return base;
    },

    load(): CodeLoad {
      if (!storage) return { kind: 'unavailable' };
      const raw = readItem(storage, key);
      if (raw === undefined) return { kind: 'unavailable' };
      if (raw === null) return { kind: 'empty' };
      const saved = parseSavedCode(raw);
      if (!saved) return { kind: 'unreadable', backupKey: setAside(storage, raw) };
      base = saved.revision;
      startedFrom = saved.startedFrom;
      return { kind: 'saved', saved };
    },

    /** Saves unless another tab saved newer code since this tab's base. */
    save(code: string): CodeSave {
      if (!storage) return { kind: 'unavailable', reason: 'disabled' };
      const current = readCurrent(storage);
      if (current === 'unreadable') {
        setAside(storage, readItem(storage, key) ?? '');
        return write(storage, code, 0);
      }
      if (current && current.revision > base && current.tab !== tab) {
        return { kind: 'conflict', theirs: current };
      }
      return write(storage, code, current?.revision ?? 0);
    },

    /** Saves even over newer code from another tab: the learner chose this tab's version. */
    overwrite(code: string): CodeSave {
      if (!storage) return { kind: 'unavailable', reason: 'disabled' };
      const current = readCurrent(storage);
      return write(storage, code, current === 'unreadable' || !current ? 0 : current.revision);
    },

    /** The learner chose the other tab's version: work from it. */
    adopt(saved: SavedCode): void {
      base = Math.max(base, saved.revision);
      startedFrom = saved.startedFrom;
    },

    /** The version the code in hand began from (undefined: saved before versions were recorded). */
    get startedFrom(): string | undefined {
      return startedFrom;
    },

    /**
     * The learner reconciled their code with the current version (kept theirs, or took the new
     * starter): from now on it counts as begun from it. Saves `code` with that version.
     */
    rebase(code: string): CodeSave {
      startedFrom = options.version;
      if (!storage) return { kind: 'unavailable', reason: 'disabled' };
      const current = readCurrent(storage);
      return write(storage, code, current === 'unreadable' || !current ? 0 : current.revision);
    },

    /**
     * Reads a `storage` event: the other tab's newer code for this exercise,
     * or null when the event is about something else or not newer.
     */
    changedElsewhere(event: { key: string | null; newValue: string | null }): SavedCode | null {
      if (event.key !== key || event.newValue === null) return null;
      const saved = parseSavedCode(event.newValue);
      if (!saved || saved.tab === tab || saved.revision <= base) return null;
      return saved;
    },

    /** Keeps `code` aside (before the learner takes the solution). */
    backup(code: string): CodeSave {
      if (!storage) return { kind: 'unavailable', reason: 'disabled' };
      const saved: SavedCode = { code, revision: 1, updatedAt: now(), tab };
      const outcome = writeItem(storage, storageKeys.codeBackup(exercise), JSON.stringify(saved));
      return outcome === 'ok' ? { kind: 'saved', saved } : { kind: 'unavailable', reason: outcome };
    },

    /** The code kept aside by `backup`, if any and readable. */
    readBackup(): SavedCode | null {
      if (!storage) return null;
      const raw = readItem(storage, storageKeys.codeBackup(exercise));
      return raw ? parseSavedCode(raw) : null;
    },
  };
}

export type CodeStore = ReturnType<typeof createCodeStore>;
