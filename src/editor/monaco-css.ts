/**
 * Monaco's CSS, applied by JavaScript when Monaco loads instead of linked in
 * the page's head. Astro puts the CSS of every module a page may import
 * (dynamic imports included) into `<link rel="stylesheet">` tags in the head,
 * which block the first paint of every exercise page for CSS (28.5 KB gz) the
 * page uses only once the learner reaches the editor. The build's Vite plugin
 * (monaco-css-plugin.ts) turns each `import './x.css'` inside monaco-editor
 * into a call of `addMonacoCss` with that file's CSS, in import order.
 */
let style: HTMLStyleElement | undefined;
const pending: string[] = [];
let flushQueued = false;

/**
 * Queues one file's CSS. The files arrive one by one while Monaco's modules
 * evaluate (monaco-editor's sources import 107 CSS files; the course bundles
 * most of them); they reach the page together, on the next
 * microtask (or at `flushMonacoCss()`). Appending each to the style element
 * made the browser re-parse the growing sheet each time: 180-210 ms of
 * the 0.9-1.0 s between the click and the first keystroke, measured with
 * Chromium's profiler (self time of `append`) on the course's lesson 3.
 */
export function addMonacoCss(css: string): void {
  pending.push(css);
  if (flushQueued) return;
  flushQueued = true;
  queueMicrotask(flushMonacoCss);
}

/** Puts the queued CSS into the page in one piece (monaco-setup.ts calls it before any editor exists). */
export function flushMonacoCss(): void {
  flushQueued = false;
  if (pending.length === 0) return;
  if (!style) {
    style = document.createElement('style');
    style.dataset.monaco = '';
    // First in the head, so the site's own rules (exercise.css) still override Monaco's, as with links.
    document.head.prepend(style);
  }
  style.append(pending.join('\n'));
  pending.length = 0;
}
