/**
 * The course site (issue 2): navigation, the dialogue, no-JS reading, themes,
 * narrow screens and search, on the built site in Debian's Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectClean, launchBrowser, offlineSettled, openPage, siteUrl } from './harness.ts';
import { readSeed } from '../support/seed.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function lessonUrls(page: Page): Promise<string[]> {
  await page.goto(siteUrl());
  await offlineSettled(page);
  return page.locator('.lesson-cards a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
}

describe('navigation', () => {
  it('goes home -> Start -> next -> previous, with a title per lesson', async () => {
    const { context, page } = await openPage(browser);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Transfer Learning, step by step');
    await page.getByRole('link', { name: /Start/ }).click();
    await page.waitForURL(/lessons\/what-is-transfer-learning\/$/);
    const firstTitle = await page.title();
    expect(firstTitle).toMatch(/^What is transfer learning\? · /);
    const nav = page.getByRole('navigation', { name: 'Course' });
    await expect(nav.locator('[aria-current="page"]').textContent()).resolves.toContain('What is transfer learning?');

    await page.getByRole('link', { name: /Next/ }).click();
    await page.waitForURL(/lessons\/load-a-pretrained-model\/$/);
    expect(await page.title()).not.toBe(firstTitle);
    await expect(nav.locator('[aria-current="page"]').textContent()).resolves.toContain('Step 1');

    await page.getByRole('link', { name: /Previous/ }).click();
    await page.waitForURL(/lessons\/what-is-transfer-learning\/$/);
    expectClean(page);
    await context.close();
  });

  it('lists every lesson with its summary on the home page, in the sidebar order', async () => {
    const { context, page } = await openPage(browser);
    const cards = page.locator('.lesson-cards li');
    const count = await cards.count();
    expect(count).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < count; i++) {
      await expect(cards.nth(i).locator('p').textContent()).resolves.toMatch(/\w{3,}/);
    }
    const homeOrder = await page.locator('.lesson-cards a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    await page.goto(siteUrl(homeOrder[0]!.replace(new URL(siteUrl()).pathname, '')));
    await offlineSettled(page);
    const sidebarOrder = await page.locator('.sidebar a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    expect(sidebarOrder).toEqual(homeOrder);
    expectClean(page);
    await context.close();
  });
});

describe('the dialogue', () => {
  it('has every seed line exactly once, in order, with speaker, mood and headings', async () => {
    const { context, page } = await openPage(browser);
    const rendered: { kind: string; speaker?: string; mood?: string; text: string; alt?: string }[] = [];
    for (const url of await lessonUrls(page)) {
      await page.goto(url);
      await offlineSettled(page);
      rendered.push(
        ...(await page.locator('.lesson').evaluate((article) =>
          [...article.querySelectorAll('.dialogue-line, h2')].map((node) =>
            node.matches('h2')
              ? { kind: 'heading', text: node.textContent!.trim() }
              : {
                  kind: 'line',
                  speaker: (node as HTMLElement).dataset.speaker,
                  mood: (node as HTMLElement).dataset.mood,
                  text: node.querySelector('.bubble-text')!.textContent!.replace(/\s+/g, ' ').trim(),
                  alt: node.querySelector('img')!.alt,
                  spoken: node.textContent!.replace(/\s+/g, ' ').trim(),
                },
          ),
        )),
      );
    }
    const seed = readSeed().filter((item) => item.kind !== 'code');
    let at = 0;
    for (const item of seed) {
      const text = item.text.replace(/\s+/g, ' ');
      const matches = rendered.filter((r) => r.kind === item.kind && r.text === text);
      expect(matches, `"${text.slice(0, 50)}" should appear exactly once`).toHaveLength(1);
      const index = rendered.indexOf(matches[0]!);
      expect(index, `"${text.slice(0, 50)}" should come after the previous seed line`).toBeGreaterThan(at - 1);
      at = index + 1;
      if (item.kind === 'line') {
        expect(matches[0]).toMatchObject({ speaker: item.speaker, mood: item.mood });
        expect(matches[0]!.alt?.toLowerCase()).toContain(item.mood.toLowerCase());
      }
    }
    expectClean(page);
    await context.close();
  });

  it('says the speaker before each line to screen readers and shows one avatar per mood', async () => {
    const { context, page } = await openPage(browser, 'lessons/what-is-transfer-learning/');
    const first = page.locator('.dialogue-line').first();
    const spoken = (await first.evaluate((node) => node.textContent!.trim())).replace(/\s+/g, ' ');
    expect(spoken.startsWith('Gal:')).toBe(true);
    const lines = await page.locator('.dialogue-line').evaluateAll((nodes) =>
      nodes.map((node) => {
        const img = node.querySelector('img')!;
        return { face: `${(node as HTMLElement).dataset.speaker}/${(node as HTMLElement).dataset.mood}`, src: img.src, loaded: img.complete && img.naturalWidth > 0 };
      }),
    );
    // One picture per speaker and mood: as many distinct images as distinct faces, all loaded.
    expect(new Set(lines.map((line) => line.src)).size).toBe(new Set(lines.map((line) => line.face)).size);
    expect(lines.every((line) => line.loaded)).toBe(true);
    expectClean(page);
    await context.close();
  });

  it('is readable with JavaScript disabled', async () => {
    const { context, page } = await openPage(browser, 'lessons/what-is-transfer-learning/', { javaScriptEnabled: false });
    await expect(page.getByText("I've heard about transfer learning.").isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: /Next/ }).isVisible()).resolves.toBe(true);
    expect(await page.locator('.dialogue-line').count()).toBeGreaterThanOrEqual(3);
    expectClean(page);
    await context.close();
  });
});

describe('themes, layout and search', () => {
  it('remembers the theme chosen with the toggle', async () => {
    const { context, page } = await openPage(browser, '', { colorScheme: 'light' });
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('light');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    expect(await theme()).toBe('dark');
    await page.reload();
    expect(await theme()).toBe('dark');
    await expect(page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.goto(siteUrl('lessons/modify-the-model/'));
    await offlineSettled(page);
    expect(await theme()).toBe('dark');
    expectClean(page);
    await context.close();
  });

  it('follows the system theme until the learner chooses', async () => {
    const { context, page } = await openPage(browser, '', { colorScheme: 'dark' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await context.close();
  });

  it('fits a 360 px wide screen without sideways scrolling', async () => {
    const { context, page } = await openPage(browser, 'lessons/transfer-learning-in-action/', { viewport: { width: 360, height: 740 } });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expectClean(page);
    await context.close();
  });

  it('shows a visible focus ring for keyboard users', async () => {
    const { context, page } = await openPage(browser);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await context.close();
  });

  it('searches all lessons from any page', async () => {
    const { context, page } = await openPage(browser, 'lessons/fine-tune-the-model/');
    await page.getByRole('button', { name: 'Search' }).click();
    const input = page.getByRole('dialog').getByRole('searchbox').or(page.getByRole('dialog').locator('input'));
    await input.first().fill('torchvision');
    const result = page.locator('.pagefind-ui__result-link').first();
    await result.waitFor({ timeout: 10_000 });
    expect(await result.getAttribute('href')).toContain('load-a-pretrained-model');
    expectClean(page);
    await context.close();
  });
});
