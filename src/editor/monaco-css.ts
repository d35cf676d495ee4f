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

export function addMonacoCss(css: string): void {
  if (!style) {
    style = document.createElement('style');
    style.dataset.monaco = '';
    // First in the head, so the site's own rules (exercise.css) still override Monaco's, as with links.
    document.head.prepend(style);
  }
  style.append(css);
}
