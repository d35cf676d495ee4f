/**
 * Driving an exercise block's Monaco editor the way a learner does, shared by
 * the browser tests.
 */
import type { Locator, Page } from 'playwright-core';

export const exerciseBlock = (page: Page, id: string): Locator => page.locator(`section[data-exercise="${id}"]`);

/**
 * Scrolls the block into view, points at its code (the block loads on the learner's intent, see
 * src/exercise/boot.ts) and waits until its editor and runtime are ready.
 */
export async function readyBlock(page: Page, id: string): Promise<Locator> {
  const section = exerciseBlock(page, id);
  await section.scrollIntoViewIfNeeded();
  await section.locator('[data-slot="editor"]').hover();
  await page.locator(`tl-exercise[data-island="ready"]:has(section[data-exercise="${id}"])`).waitFor({ timeout: 60_000 });
  return section;
}

/**
 * The code in the block's editor, exactly (the `code` property of <tl-exercise>, which reads
 * the editor's model). The editor wraps long lines and draws only the lines in view, so the
 * screen alone cannot give back long code; `visibleLines` reads what is drawn.
 */
export async function editorText(section: Locator): Promise<string> {
  return section.evaluate((node) => {
    const host = node.closest('tl-exercise') as (HTMLElement & { code?: string }) | null;
    if (typeof host?.code !== 'string') throw new Error('The exercise editor is not ready (tl-exercise has no code yet).');
    return host.code.trimEnd();
  });
}

/**
 * The editor's lines as drawn on screen now, in order (Monaco renders only the lines in view,
 * absolutely positioned, reusing nodes). The editor wraps long lines: a visual line without a
 * line number in the gutter continues the line above it and is appended to it (with the
 * indentation Monaco draws in front of a continuation).
 */
export async function visibleLines(section: Locator): Promise<string> {
  return section.locator('.tl-monaco').evaluate((root) => {
    const top = (element: HTMLElement) => Math.round(parseFloat(element.style.top || '0'));
    const numbered = new Set(
      [...root.querySelectorAll<HTMLElement>('.margin-view-overlays > div')]
        .filter((row) => (row.querySelector('.line-numbers')?.textContent ?? '').trim() !== '')
        .map(top),
    );
    const lines: string[] = [];
    for (const line of [...root.querySelectorAll<HTMLElement>('.view-lines .view-line')].sort((a, b) => top(a) - top(b))) {
      const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
      if (lines.length === 0 || numbered.has(top(line))) lines.push(text);
      else lines[lines.length - 1] += text;
    }
    return lines.join('\n').trimEnd();
  });
}

/** Replaces the editor's code the way a learner pastes it (typing would trigger auto-indent and auto-close). */
export async function pasteCode(page: Page, section: Locator, code: string): Promise<void> {
  await section.locator('.tl-monaco .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, code);
}
