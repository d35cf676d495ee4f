import { describe, expect, it } from 'vitest';
import { applyWork, collectWork, parseWorkFile, workFileName, type WorkFile } from '../../../src/progress/work-file.ts';
import { createProgressStore, lessonState, countPassed, parseProgress } from '../../../src/progress/store.ts';
import { createCodeStore, parseSavedCode } from '../../../src/progress/code-store.ts';
import { storageKeys } from '../../../src/progress/keys.ts';
import { FakeStorage } from '../exercise/fake-storage.ts';

const COURSE = 'transfer-lab';
const A = 'load-a-model/predict';
const B = 'modify-the-model/replace-head';

function storageWithWork(): FakeStorage {
  const storage = new FakeStorage();
  createCodeStore({ storage, exercise: A, tab: 't', now: () => Date.UTC(2025, 0, 2) }).save('const a = 1;');
  createCodeStore({ storage, exercise: B, tab: 't', now: () => Date.UTC(2025, 0, 3) }).save('const b = 2;');
  createProgressStore(storage, () => 5).markPassed(A);
  return storage;
}

const validFile = (): WorkFile => ({
  format: 'transfer-lab-work',
  version: 1,
  course: COURSE,
  savedAt: '2025-02-01T10:00:00.000Z',
  exercises: {
    [A]: { code: 'const loaded = true;', passed: true, updatedAt: '2025-02-01T09:00:00.000Z' },
  },
});

describe('progress store', () => {
  it('records passed and attempted exercises, once', () => {
    const storage = new FakeStorage();
    let t = 100;
    const store = createProgressStore(storage, () => ++t);
    expect(store.isPassed(A)).toBe(false);
    store.markAttempted(A);
    expect(store.hasAttempted(A)).toBe(true);
    store.markPassed(A);
    store.markPassed(A);
    expect(store.read().exercises[A]).toEqual({ attemptedAt: 101, passedAt: 102 });
  });

  it('sets an unreadable record aside and starts afresh', () => {
    const storage = new FakeStorage();
    storage.setItem(storageKeys.progress, '[1,2');
    const store = createProgressStore(storage, () => 7);
    expect(store.read()).toEqual({ version: 1, exercises: {} });
    expect(storage.getItem('transfer-lab:v1:unreadable:7:progress')).toBe('[1,2');
    expect(parseProgress(JSON.stringify({ version: 2, exercises: {} }))).toBeNull();
  });

  it('derives lesson states and counts', () => {
    const record = { version: 1 as const, exercises: { [A]: { passedAt: 1 }, 'modify-the-model/freeze': { attemptedAt: 2 } } };
    expect(lessonState(record, 'load-a-model', ['predict'])).toBe('done');
    expect(lessonState(record, 'modify-the-model', ['replace-head', 'freeze'])).toBe('started');
    expect(lessonState(record, 'fine-tune', ['train'])).toBe('none');
    expect(lessonState(record, 'fine-tune', ['train'], ['fine-tune/train'])).toBe('started');
    expect(lessonState(record, 'load-a-model', [])).toBe('started');
    expect(countPassed(record, [A, B])).toBe(1);
  });
});

describe('work file', () => {
  it('collects code and progress into the documented format', () => {
    const file = collectWork(storageWithWork(), COURSE, new Date('2025-02-01T10:00:00Z'));
    expect(file).toEqual({
      format: 'transfer-lab-work',
      version: 1,
      course: COURSE,
      savedAt: '2025-02-01T10:00:00.000Z',
      exercises: {
        [A]: { code: 'const a = 1;', passed: true, updatedAt: '2025-01-02T00:00:00.000Z' },
        [B]: { code: 'const b = 2;', passed: false, updatedAt: '2025-01-03T00:00:00.000Z' },
      },
    });
    expect(parseWorkFile(JSON.stringify(file), COURSE)).toEqual({ ok: true, file });
    expect(workFileName(COURSE, new Date('2025-02-01T10:00:00Z'))).toBe('transfer-lab-work-2025-02-01.json');
  });

  it('round-trips into another browser', () => {
    const file = collectWork(storageWithWork(), COURSE);
    const other = new FakeStorage();
    expect(applyWork(other, file)).toEqual({ ok: true, count: 2 });
    expect(collectWork(other, COURSE, new Date(file.savedAt))).toEqual(file);
  });

  it.each([
    ['not JSON', 'hello', /not JSON/],
    ['another JSON file', JSON.stringify({ name: 'package' }), /not a Transfer Lab work file/],
    ['a newer format', JSON.stringify({ ...validFile(), version: 2 }), /newer version .*format version 2/],
    ['another course', JSON.stringify({ ...validFile(), course: 'other-course' }), /another course .*other-course/],
    ['a wrong field type', JSON.stringify({ ...validFile(), exercises: { [A]: { code: 1, passed: true, updatedAt: '2025-02-01T09:00:00.000Z' } } }), /exercises\.load-a-model\/predict\.code/],
    ['a bad exercise id', JSON.stringify({ ...validFile(), exercises: { 'no-slash': { code: '', passed: false, updatedAt: '2025-02-01T09:00:00.000Z' } } }), /damaged/],
    ['an unknown field', JSON.stringify({ ...validFile(), extra: true }), /damaged/],
    ['a bad date', JSON.stringify({ ...validFile(), savedAt: 'yesterday' }), /savedAt/],
  ])('rejects %s with a clear reason', (_label, text, reason) => {
    const result = parseWorkFile(text, COURSE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('loads code as the newest revision, keeps the replaced code as a backup and never un-passes', () => {
    const storage = storageWithWork();
    const file = validFile();
    file.exercises[B] = { code: 'const b = 2;', passed: false, updatedAt: '2025-02-01T09:00:00.000Z' };
    expect(applyWork(storage, file, () => 9)).toEqual({ ok: true, count: 2 });

    const a = parseSavedCode(storage.getItem(storageKeys.code(A))!)!;
    expect(a).toMatchObject({ code: 'const loaded = true;', revision: 2, tab: 'work-file' });
    expect(parseSavedCode(storage.getItem(storageKeys.codeBackup(A))!)!.code).toBe('const a = 1;');
    expect(storage.getItem(storageKeys.codeBackup(B))).toBeNull(); // same code: nothing to back up
    expect(createProgressStore(storage).read().exercises[A]).toEqual({ passedAt: 5 });
  });

  it('changes nothing when storage fills up half-way', () => {
    const storage = storageWithWork();
    const before = new Map(storage.items);
    storage.quota = [...storage.items].reduce((sum, [k, v]) => sum + k.length + v.length, 0) + 120;
    const file = validFile();
    file.exercises[B] = { code: 'x'.repeat(500), passed: true, updatedAt: '2025-02-01T09:00:00.000Z' };
    let successfulWrites = 0;
    let failed = false;
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (key, value) => {
      try {
        setItem(key, value);
      } catch (error) {
        failed = true;
        throw error;
      }
      if (!failed) successfulWrites++;
    };
    const result = applyWork(storage, file);
    expect(result).toEqual({ ok: false, reason: 'the browser storage is full.' });
    expect(successfulWrites).toBeGreaterThan(0); // some writes landed before the failure and were undone
    expect(storage.items).toEqual(before);
  });

  it('refuses to load without storage', () => {
    expect(applyWork(null, validFile()).ok).toBe(false);
  });
});
