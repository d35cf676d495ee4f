/**
 * Monaco's themes for the course: its own `vs` and `vs-dark`, with the few
 * colours that fail WCAG AA contrast (4.5:1, checked by axe in the browser
 * tests) made darker or lighter. Everything else is Monaco's.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

export const LIGHT_THEME = 'transfer-lab-light';
export const DARK_THEME = 'transfer-lab-dark';

export function defineCourseThemes(monaco: typeof Monaco): void {
  monaco.editor.defineTheme(LIGHT_THEME, {
    base: 'vs',
    inherit: true,
    rules: [],
    // vs draws the line numbers past the last line at 1.8:1.
    colors: { 'editorLineNumber.dimmedForeground': '#6e7681' },
  });
  monaco.editor.defineTheme(DARK_THEME, {
    base: 'vs-dark',
    inherit: true,
    // vs-dark's comments (#608b4e, 4.2:1) and dimmed line numbers (#474747, 1.8:1).
    rules: [{ token: 'comment', foreground: '7ca668' }],
    colors: { 'editorLineNumber.dimmedForeground': '#8b8b8b', 'editorLineNumber.foreground': '#8b8b8b' },
  });
}
