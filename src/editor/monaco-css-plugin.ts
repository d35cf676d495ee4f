/**
 * Build-time Vite plugin: the CSS files monaco-editor imports become small
 * modules that hand the CSS (processed by Vite as usual, `?inline`: the
 * codicon font keeps its hashed URL) to src/editor/monaco-css.ts, which
 * applies it when Monaco loads. So no Monaco stylesheet is linked in any
 * page's head (see monaco-css.ts for why). Build only: in `astro dev` Vite
 * pre-bundles monaco-editor and injects its CSS as <style> itself.
 */
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const PREFIX = '\0transfer-lab-monaco-css:';
const COLLECTOR = fileURLToPath(new URL('./monaco-css.ts', import.meta.url));

export function monacoCssPlugin(): Plugin {
  return {
    name: 'transfer-lab:monaco-css',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('.css') || !importer.includes('/node_modules/monaco-editor/')) return undefined;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      // Ends in .js: an id ending in .css would be taken for a stylesheet by Vite's CSS plugin.
      return resolved ? `${PREFIX}${resolved.id}.js` : undefined;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return undefined;
      const file = id.slice(PREFIX.length, -'.js'.length);
      return `import css from ${JSON.stringify(`${file}?inline`)};\nimport { addMonacoCss } from ${JSON.stringify(COLLECTOR)};\naddMonacoCss(css);\n`;
    },
  };
}
