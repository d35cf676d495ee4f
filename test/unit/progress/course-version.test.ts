/**
 * Saved work that knows the course version (issue 17 item 6), Node-side: versions from the
 * starter and checks, saved code recording the version it began from, the learner's choice
 * (rebase) recording the new one, work files carrying both, older files and saves still read,
 * and the line diff the notice shows.
 */
import { describe, expect, it } from 'vitest';
import { courseVersion, exerciseVersion } from '../../../src/progress/course-version.ts';
import { createCodeStore } from '../../../src/progress/code-store.ts';
import { applyWork, collectWork, parseWorkFile } from '../../../src/progress/work-file.ts';
import { storageKeys } from '../../../src/progress/keys.ts';
import { lineDiff } from '../../../src/exercise/line-diff.ts';
import { FakeStorage } from '../exercise/fake-storage.ts';

const EXERCISE = 'modify-the-model/replace-head';

describe('versions', () => {
  it('change with the starter or the checks, not with line endings or anything else', () => {
    const v = exerciseVersion('const a = 1;\n', 'checks');
    expect(v).toMatch(/^[0-9a-f]{14}$/);
    expect(exerciseVersion('const a = 1;\r\n', 'checks')).toBe(v);
    expect(exerciseVersion('const a = 2;\n', 'checks')).not.toBe(v);
    expect(exerciseVersion('const a = 1;\n', 'checks 2')).not.toBe(v);
    const course = [
      { id: 'a/x', starter: 's1', checks: 'c1' },
      { id: 'b/y', starter: 's2', checks: 'c2' },
    ];
    expect(courseVersion([...course].reverse())).toBe(courseVersion(course));
    expect(courseVersion([course[0]!, { ...course[1]!, checks: 'c3' }])).not.toBe(courseVersion(course));
  });
});

describe('saved code and its version', () => {
  it('fresh code records the current version; loaded code keeps the one it began from until the learner rebases', () => {
    const storage = new FakeStorage();
    const v1 = createCodeStore({ storage, exercise: EXERCISE, tab: 'a', version: 'v1' });
    v1.load();
    v1.save('mine');
    expect(JSON.parse(storage.getItem(storageKeys.code(EXERCISE))!).startedFrom).toBe('v1');

    const v2 = createCodeStore({ storage, exercise: EXERCISE, tab: 'a', version: 'v2' });
    const loaded = v2.load();
    expect(loaded.kind === 'saved' && loaded.saved.startedFrom).toBe('v1');
    v2.save('mine, edited');
    expect(JSON.parse(storage.getItem(storageKeys.code(EXERCISE))!)).toMatchObject({ code: 'mine, edited', startedFrom: 'v1' });
    expect(v2.rebase('mine, edited').kind).toBe('saved');
    expect(v2.startedFrom).toBe('v2');
    expect(JSON.parse(storage.getItem(storageKeys.code(EXERCISE))!)).toMatchObject({ code: 'mine, edited', startedFrom: 'v2' });
  });

  it('code saved before versions loads, with no version (unknown), and keeps none until rebased', () => {
    const storage = new FakeStorage();
    storage.setItem(storageKeys.code(EXERCISE), JSON.stringify({ code: 'old', revision: 3, updatedAt: 5, tab: 'x' }));
    const store = createCodeStore({ storage, exercise: EXERCISE, tab: 'a', version: 'v2' });
    const loaded = store.load();
    expect(loaded).toEqual({ kind: 'saved', saved: { code: 'old', revision: 3, updatedAt: 5, tab: 'x' } });
    store.save('old!');
    expect(JSON.parse(storage.getItem(storageKeys.code(EXERCISE))!).startedFrom).toBeUndefined();
  });
});

describe('work files and versions', () => {
  it('record the course version and each exercise’s starting version, and load them back', () => {
    const storage = new FakeStorage();
    const store = createCodeStore({ storage, exercise: EXERCISE, tab: 'a', version: 'ex-v1' });
    store.load();
    store.save('my code');
    const file = collectWork(storage, 'transfer-lab', new Date('2026-12-01T10:00:00Z'), 'course-v1');
    expect(file.courseVersion).toBe('course-v1');
    expect(file.exercises[EXERCISE]).toMatchObject({ code: 'my code', startedFrom: 'ex-v1' });
    const parsed = parseWorkFile(JSON.stringify(file), 'transfer-lab');
    expect(parsed.ok && parsed.file.courseVersion).toBe('course-v1');

    const other = new FakeStorage();
    expect(applyWork(other, file).ok).toBe(true);
    expect(JSON.parse(other.getItem(storageKeys.code(EXERCISE))!)).toMatchObject({ code: 'my code', startedFrom: 'ex-v1' });
  });

  it('a work file from before versions still loads', () => {
    const old = {
      format: 'transfer-lab-work',
      version: 1,
      course: 'transfer-lab',
      savedAt: '2026-01-01T00:00:00.000Z',
      exercises: { [EXERCISE]: { code: 'x', passed: false, updatedAt: '2026-01-01T00:00:00.000Z' } },
    };
    const parsed = parseWorkFile(JSON.stringify(old), 'transfer-lab');
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.file.courseVersion).toBeUndefined();
  });
});

describe('line diff', () => {
  it('marks lines only in the learner’s code with -, only in the new starter with +', () => {
    expect(lineDiff('a\nb\nc', 'a\nc\nd')).toEqual([
      { kind: ' ', text: 'a' },
      { kind: '-', text: 'b' },
      { kind: ' ', text: 'c' },
      { kind: '+', text: 'd' },
    ]);
    expect(lineDiff('same', 'same')).toEqual([{ kind: ' ', text: 'same' }]);
  });
});
