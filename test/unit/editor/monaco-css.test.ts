/**
 * Monaco's CSS reaches the page in one piece (src/editor/monaco-css.ts):
 * dozens of files (107 in monaco-editor) arrive while Monaco's modules evaluate, and appending
 * each to the style element made the browser re-parse the growing sheet each
 * time (180-210 ms before the first keystroke). No DOM in these tests: a
 * stand-in document records what the module does to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appended: string[] = [];
const prepended: unknown[] = [];
const fakeStyle = { dataset: {} as Record<string, string>, append: (text: string) => void appended.push(text) };

beforeAll(() => {
  (globalThis as { document?: unknown }).document = {
    createElement: (tag: string) => {
      expect(tag).toBe('style');
      return fakeStyle;
    },
    head: { prepend: (node: unknown) => void prepended.push(node) },
  };
});
afterAll(() => {
  delete (globalThis as { document?: unknown }).document;
});

describe('addMonacoCss', () => {
  it('queues the files and puts them in once, in order, first in the head', async () => {
    const { addMonacoCss, flushMonacoCss } = await import('../../../src/editor/monaco-css.ts');
    addMonacoCss('.a{}');
    addMonacoCss('.b{}');
    addMonacoCss('.c{}');
    expect(appended).toEqual([]); // nothing yet: the files are still arriving
    await Promise.resolve();
    expect(appended).toEqual(['.a{}\n.b{}\n.c{}']);
    expect(prepended).toEqual([fakeStyle]);
    expect(fakeStyle.dataset.monaco).toBe('');

    // A file that comes later (a lazily loaded feature) goes into the same element; an explicit flush
    // puts it in at once, and the queued microtask then finds nothing left to do.
    addMonacoCss('.d{}');
    flushMonacoCss();
    expect(appended).toEqual(['.a{}\n.b{}\n.c{}', '.d{}']);
    await Promise.resolve();
    expect(appended).toHaveLength(2);
    expect(prepended).toHaveLength(1);
  });
});
