/**
 * Keeps the editor and the stored code in step: saves as the learner types
 * (debounced), restores on load, follows other tabs and asks the learner
 * when two tabs changed the same exercise. Storage trouble becomes a notice;
 * the editor keeps working either way.
 */
import { createCodeStore, type CodeSave, type SavedCode } from '../progress/code-store.ts';
import type { Notices } from './notices.ts';
import { WORK_LOADED_EVENT } from '../progress/events.ts';
import { format, ui } from '../i18n/ui.ts';
import { diffElement, lineDiff } from './line-diff.ts';

const SAVE_DELAY_MS = 400;

export interface CodeSyncOptions {
  storage: Storage | null;
  exercise: string;
  starter: string;
  /** The exercise's version in this build (course-version.ts), recorded with the code. */
  version?: string;
  notices: Notices;
  /** Puts code into the editor without it counting as the learner's edit. */
  replaceCode(code: string): void;
}

export function createCodeSync(options: CodeSyncOptions) {
  const { notices } = options;
  const t = ui.exercise;
  const store = createCodeStore({ storage: options.storage, exercise: options.exercise, ...(options.version ? { version: options.version } : {}) });
  let code = options.starter;
  /** Edits not yet saved. */
  let dirty = false;
  /** While a conflict waits for the learner's choice, autosave pauses (it would only conflict again). */
  let conflictOpen = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let storageWarned = false;

  const loaded = store.load();
  if (loaded.kind === 'saved') code = loaded.saved.code;
  if (loaded.kind === 'unreadable') {
    notices.show({
      id: 'storage',
      kind: 'warning',
      text: loaded.backupKey ? format(t.storageUnreadable, { key: loaded.backupKey }) : t.storageUnreadableLost,
    });
  }
  if (loaded.kind === 'unavailable') warnStorage('disabled');
  if (loaded.kind === 'saved') offerNewVersion(loaded.saved);

  /**
   * The code was begun from another version of the exercise (a new build changed its starter or
   * checks): say so, show the learner's code against the new starter, and let them choose.
   * Nothing is lost either way: taking the new starter keeps their code as the backup.
   */
  function offerNewVersion(saved: SavedCode): void {
    const version = options.version;
    if (!version || saved.startedFrom === undefined || saved.startedFrom === version) return;
    if (saved.code === options.starter) {
      handle(store.rebase(saved.code));
      return;
    }
    notices.show({
      id: 'version',
      kind: 'warning',
      text: t.courseChanged,
      details: diffElement(lineDiff(saved.code, options.starter), t.courseChangedDiff),
      actions: [
        { label: t.courseChangedKeep, run: () => handle(store.rebase(code)) },
        {
          label: t.courseChangedTake,
          run: () => {
            const kept = store.backup(code);
            if (kept.kind !== 'saved') {
              warnStorage(kept.kind === 'unavailable' ? kept.reason : 'error');
              return; // the backup failed: keep their code in the editor rather than lose it
            }
            code = options.starter;
            options.replaceCode(options.starter);
            handle(store.rebase(options.starter));
            const mine = kept.saved.code;
            notices.show({
              id: 'version-taken',
              text: t.courseChangedTaken,
              dismissible: true,
              actions: [
                {
                  label: t.courseChangedUndo,
                  run: () => {
                    code = mine;
                    options.replaceCode(mine);
                    handle(store.rebase(mine));
                  },
                },
              ],
            });
          },
        },
      ],
    });
  }

  function warnStorage(reason: 'disabled' | 'quota' | 'error'): void {
    if (storageWarned) return;
    storageWarned = true;
    notices.show({ id: 'storage', kind: 'warning', text: reason === 'quota' ? t.storageFull : t.storageDisabled });
  }

  function handle(result: CodeSave): void {
    if (result.kind === 'saved') {
      dirty = false;
      if (storageWarned) {
        storageWarned = false;
        notices.close('storage');
      }
    } else if (result.kind === 'conflict') {
      askWhichCode(result.theirs);
    } else {
      warnStorage(result.reason);
    }
  }

  function takeTheirs(theirs: SavedCode): void {
    store.adopt(theirs);
    dirty = false;
    code = theirs.code;
    options.replaceCode(theirs.code);
  }

  function askWhichCode(theirs: SavedCode): void {
    conflictOpen = true;
    notices.show({
      id: 'conflict',
      kind: 'warning',
      text: t.conflict,
      actions: [
        {
          label: t.conflictTheirs,
          run: () => {
            conflictOpen = false;
            takeTheirs(theirs);
          },
        },
        {
          label: t.conflictMine,
          run: () => {
            conflictOpen = false;
            handle(store.overwrite(code));
          },
        },
      ],
    });
  }

  function saveNow(): void {
    clearTimeout(timer);
    timer = undefined;
    if (conflictOpen) return;
    handle(store.save(code));
  }

  function onStorage(event: StorageEvent): void {
    const theirs = store.changedElsewhere(event);
    if (!theirs) return;
    if (theirs.code === code) {
      store.adopt(theirs);
      return;
    }
    if (dirty || conflictOpen) {
      askWhichCode(theirs);
      return;
    }
    // Nothing unsaved here: following the other tab loses nothing.
    takeTheirs(theirs);
    notices.show({ id: 'elsewhere', text: t.updatedElsewhere });
  }

  /** Work loaded from a file in this tab: show it (the file's code is the newest revision). */
  function onWorkLoaded(): void {
    const again = store.load();
    if (again.kind !== 'saved' || again.saved.code === code) return;
    dirty = false;
    code = again.saved.code;
    options.replaceCode(again.saved.code);
    notices.show({ id: 'work', text: t.workLoaded });
  }

  function onLeave(): void {
    if (dirty) saveNow();
  }

  window.addEventListener('storage', onStorage);
  window.addEventListener(WORK_LOADED_EVENT, onWorkLoaded);
  window.addEventListener('pagehide', onLeave);
  document.addEventListener('visibilitychange', onLeave);

  return {
    store,
    /** The code to show first: saved code, or the starter. */
    get code(): string {
      return code;
    },
    /** The learner edited the code. */
    edited(next: string): void {
      code = next;
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(saveNow, SAVE_DELAY_MS);
    },
    /** The editor's content was replaced by us (replaceCode), not typed. */
    replaced(next: string): void {
      code = next;
    },
    /** Saves pending edits now; also saves code that was never stored, so a run is always on record. */
    flush(): void {
      if (dirty || store.baseRevision === 0) saveNow();
    },
    dispose(): void {
      onLeave();
      clearTimeout(timer);
      window.removeEventListener('storage', onStorage);
      window.removeEventListener(WORK_LOADED_EVENT, onWorkLoaded);
      window.removeEventListener('pagehide', onLeave);
      document.removeEventListener('visibilitychange', onLeave);
    },
  };
}

export type CodeSync = ReturnType<typeof createCodeSync>;
