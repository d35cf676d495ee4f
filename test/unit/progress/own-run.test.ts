/**
 * The learner's own run (lesson 6's chart): kept across loads, unreadable
 * values set aside instead of lost, and no throw when storage is refused.
 */
import { describe, expect, it } from 'vitest';
import { createOwnRunStore, parseOwnRun } from '../../../src/progress/own-run.ts';
import { FakeStorage } from '../exercise/fake-storage.ts';

const EXERCISE = 'why-it-works-less-data/compare';
const KEY = `transfer-lab:v1:own-run:${EXERCISE}`;

describe('own-run store', () => {
  it('saves the numbers and loads them back', () => {
    const storage = new FakeStorage();
    const store = createOwnRunStore(storage, EXERCISE, () => 1000);
    expect(store.load()).toEqual({ kind: 'empty' });
    expect(store.save({ scratchAccuracy: 0.534, transferAccuracy: 0.625 })).toBe('ok');
    expect(createOwnRunStore(storage, EXERCISE).load()).toEqual({
      kind: 'saved',
      run: { version: 1, numbers: { scratchAccuracy: 0.534, transferAccuracy: 0.625 }, savedAt: 1000 },
    });
  });

  it('sets an unreadable value aside under an unreadable key and starts afresh', () => {
    const storage = new FakeStorage();
    storage.setItem(KEY, '{"version":1,"numbers":{"scratchAccuracy":"oops"},"savedAt":1}');
    const loaded = createOwnRunStore(storage, EXERCISE, () => 42).load();
    expect(loaded).toEqual({ kind: 'unreadable', backupKey: `transfer-lab:v1:unreadable:42:own-run:${EXERCISE}` });
    expect(storage.getItem(KEY)).toBeNull();
    expect(storage.getItem(`transfer-lab:v1:unreadable:42:own-run:${EXERCISE}`)).toBe('{"version":1,"numbers":{"scratchAccuracy":"oops"},"savedAt":1}');
    expect(createOwnRunStore(storage, EXERCISE).load()).toEqual({ kind: 'empty' });
  });

  it('keeps an unreadable value where it is when it cannot be copied aside', () => {
    const storage = new FakeStorage();
    storage.setItem(KEY, 'not json');
    storage.quota = storage.items.get(KEY)!.length + KEY.length;
    expect(createOwnRunStore(storage, EXERCISE).load()).toEqual({ kind: 'unreadable', backupKey: null });
    expect(storage.getItem(KEY)).toBe('not json');
  });

  it('reports refused storage instead of throwing', () => {
    const storage = new FakeStorage();
    storage.disabled = true;
    const store = createOwnRunStore(storage, EXERCISE);
    expect(store.load()).toEqual({ kind: 'unavailable' });
    expect(store.save({ a: 1 })).not.toBe('ok');
    expect(createOwnRunStore(null, EXERCISE).load()).toEqual({ kind: 'unavailable' });
  });

  it('reads only version-1 records whose numbers are all finite', () => {
    expect(parseOwnRun('{"version":1,"numbers":{"a":1},"savedAt":5}')).toEqual({ version: 1, numbers: { a: 1 }, savedAt: 5 });
    expect(parseOwnRun('{"version":2,"numbers":{"a":1},"savedAt":5}')).toBeNull();
    expect(parseOwnRun('{"version":1,"numbers":{"a":null},"savedAt":5}')).toBeNull();
    expect(parseOwnRun('{"version":1,"numbers":[1],"savedAt":5}')).toBeNull();
    expect(parseOwnRun('[]')).toBeNull();
  });
});
