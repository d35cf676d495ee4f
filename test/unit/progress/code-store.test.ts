import { describe, expect, it } from 'vitest';
import { createCodeStore, parseSavedCode } from '../../../src/progress/code-store.ts';
import { storageKeys } from '../../../src/progress/keys.ts';
import { FakeStorage } from '../exercise/fake-storage.ts';

const EXERCISE = 'modify-the-model/replace-head';
const KEY = 'transfer-lab:v1:code:modify-the-model/replace-head';

function clock(start = 1_000) {
  let t = start;
  return () => ++t;
}

describe('code store', () => {
  it('uses the versioned key scheme', () => {
    expect(storageKeys.code(EXERCISE)).toBe(KEY);
  });

  it('saves and loads code', () => {
    const storage = new FakeStorage();
    const first = createCodeStore({ storage, exercise: EXERCISE, tab: 'a', now: clock() });
    expect(first.load()).toEqual({ kind: 'empty' });
    const saved = first.save('const x = 1;');
    expect(saved).toMatchObject({ kind: 'saved', saved: { code: 'const x = 1;', revision: 1, tab: 'a' } });

    const reloaded = createCodeStore({ storage, exercise: EXERCISE, tab: 'b', now: clock() });
    const load = reloaded.load();
    expect(load.kind).toBe('saved');
    if (load.kind === 'saved') expect(load.saved.code).toBe('const x = 1;');
    expect(reloaded.baseRevision).toBe(1);
  });

  it('sets an unreadable value aside under a backup key and keeps working', () => {
    const storage = new FakeStorage();
    storage.setItem(KEY, '{not json');
    const store = createCodeStore({ storage, exercise: EXERCISE, tab: 'a', now: () => 42 });
    const load = store.load();
    expect(load).toEqual({
      kind: 'unreadable',
      backupKey: 'transfer-lab:v1:unreadable:42:code:modify-the-model/replace-head',
    });
    expect(storage.getItem(KEY)).toBeNull();
    expect(storage.getItem('transfer-lab:v1:unreadable:42:code:modify-the-model/replace-head')).toBe('{not json');
    expect(store.save('ok').kind).toBe('saved');
  });

  it('keeps an unreadable value where it is when even the backup cannot be written (nothing lost)', () => {
    const storage = new FakeStorage();
    storage.setItem(KEY, '{not json');
    storage.quota = KEY.length + '{not json'.length;
    const store = createCodeStore({ storage, exercise: EXERCISE, tab: 'a', now: () => 42 });
    expect(store.load()).toEqual({ kind: 'unreadable', backupKey: null });
    expect(storage.getItem(KEY)).toBe('{not json');
  });

  it('treats valid JSON of the wrong shape as unreadable', () => {
    const storage = new FakeStorage();
    storage.setItem(KEY, JSON.stringify({ code: 5, revision: 1, updatedAt: 1, tab: 'a' }));
    const store = createCodeStore({ storage, exercise: EXERCISE, tab: 'a' });
    expect(store.load().kind).toBe('unreadable');
    expect(parseSavedCode(JSON.stringify({ code: 'x', revision: 0, updatedAt: 1, tab: 'a' }))).toBeNull();
    expect(parseSavedCode('"just a string"')).toBeNull();
  });

  it('detects a newer save from another tab instead of overwriting it', () => {
    const storage = new FakeStorage();
    const tabA = createCodeStore({ storage, exercise: EXERCISE, tab: 'a', now: clock() });
    const tabB = createCodeStore({ storage, exercise: EXERCISE, tab: 'b', now: clock() });
    tabA.load();
    tabB.load();
    expect(tabA.save('from A').kind).toBe('saved');

    const fromB = tabB.save('from B');
    expect(fromB.kind).toBe('conflict');
    if (fromB.kind === 'conflict') expect(fromB.theirs.code).toBe('from A');
    expect(parseSavedCode(storage.getItem(KEY)!)!.code).toBe('from A');

    // The learner keeps B's code: it wins and gets a higher revision.
    const kept = tabB.overwrite('from B');
    expect(kept).toMatchObject({ kind: 'saved', saved: { code: 'from B', revision: 2 } });
    // Now A is behind and is told so.
    expect(tabA.save('A again').kind).toBe('conflict');
  });

  it('lets a tab continue after adopting the other tab’s code', () => {
    const storage = new FakeStorage();
    const tabA = createCodeStore({ storage, exercise: EXERCISE, tab: 'a', now: clock() });
    const tabB = createCodeStore({ storage, exercise: EXERCISE, tab: 'b', now: clock() });
    const fromA = tabA.save('from A');
    if (fromA.kind !== 'saved') throw new Error('expected a save');
    tabB.adopt(fromA.saved);
    expect(tabB.save('B builds on A')).toMatchObject({ kind: 'saved', saved: { revision: 2 } });
  });

  it('reads storage events: only newer code of this exercise from another tab', () => {
    const storage = new FakeStorage();
    const tabA = createCodeStore({ storage, exercise: EXERCISE, tab: 'a', now: clock() });
    const tabB = createCodeStore({ storage, exercise: EXERCISE, tab: 'b', now: clock() });
    const fromA = tabA.save('from A');
    const newValue = storage.getItem(KEY);
    expect(fromA.kind).toBe('saved');
    expect(tabB.changedElsewhere({ key: KEY, newValue })?.code).toBe('from A');
    expect(tabA.changedElsewhere({ key: KEY, newValue })).toBeNull(); // its own write
    expect(tabB.changedElsewhere({ key: storageKeys.code('other/exercise'), newValue })).toBeNull();
    expect(tabB.changedElsewhere({ key: KEY, newValue: 'garbage' })).toBeNull();
    tabB.load();
    expect(tabB.changedElsewhere({ key: KEY, newValue })).toBeNull(); // not newer any more
  });

  it('reports a full quota and keeps the previous value', () => {
    const storage = new FakeStorage();
    const store = createCodeStore({ storage, exercise: EXERCISE, tab: 'a', now: clock() });
    expect(store.save('short').kind).toBe('saved');
    storage.quota = storage.getItem(KEY)!.length + KEY.length + 10;
    expect(store.save('x'.repeat(1000))).toEqual({ kind: 'unavailable', reason: 'quota' });
    expect(parseSavedCode(storage.getItem(KEY)!)!.code).toBe('short');
  });

  it('reports disabled storage without throwing', () => {
    const storage = new FakeStorage();
    storage.disabled = true;
    const store = createCodeStore({ storage, exercise: EXERCISE, tab: 'a' });
    expect(store.load()).toEqual({ kind: 'unavailable' });
    expect(store.save('x')).toEqual({ kind: 'unavailable', reason: 'error' });
    const none = createCodeStore({ storage: null, exercise: EXERCISE });
    expect(none.load()).toEqual({ kind: 'unavailable' });
    expect(none.save('x')).toEqual({ kind: 'unavailable', reason: 'disabled' });
  });

  it('keeps a backup the learner can restore', () => {
    const storage = new FakeStorage();
    const store = createCodeStore({ storage, exercise: EXERCISE, tab: 'a' });
    expect(store.readBackup()).toBeNull();
    store.backup('my attempt');
    expect(store.readBackup()?.code).toBe('my attempt');
  });
});
