/**
 * Driving an exercise block's Monaco editor the way a learner does, shared by
 * the browser tests.
 */
import type { Locator, Page } from 'playwright-core';

export const exerciseBlock = (page: Page, id: string): Locator => page.locator(`section[data-exercise="${id}"]`);

/** Scrolls the block into view and waits until its editor and runtime are ready. */
export async function readyBlock(page: Page, id: string): Promise<Locator> {
  const section = exerciseBlock(page, id);
  await section.scrollIntoViewIfNeeded();
  await page.locator(`tl-exercise[data-island="ready"]:has(section[data-exercise="${id}"])`).waitFor({ timeout: 60_000 });
  return section;
}

/** The editor's text, in line order (Monaco renders lines absolutely positioned, reusing nodes). */
export async function editorText(section: Locator): Promise<string> {
  return section.locator('.tl-monaco .view-lines').evaluate((lines) =>
    [...lines.querySelectorAll<HTMLElement>('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('\n')
      .trimEnd(),
  );
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
