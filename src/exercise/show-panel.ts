/**
 * `show` views in the output panel, in order with the printed lines: each
 * `show` event gets its `<figure data-show="…">` at once (so it sits where the
 * call happened), and the renderer (show-render.ts) is imported the first
 * time a run shows something, then fills the figures. The page keeps a cap of
 * its own a little above the worker's (MAX_SHOW_VIEWS), as the output log does.
 */
import { MAX_SHOW_VIEWS, type ShowView } from '../sandbox/protocol.ts';
import { format, ui } from '../i18n/ui.ts';
import type { OutputLog } from './output-log.ts';

type Renderer = typeof import('./show-render.ts');
let loading: Promise<Renderer> | undefined;
/** The renderer module, loaded once per page. */
export function loadRenderer(): Promise<Renderer> {
  loading ??= import('./show-render.ts');
  return loading;
}

const PAGE_MAX_VIEWS = MAX_SHOW_VIEWS + 10;

export function createShowPanel(output: OutputLog) {
  let views = 0;
  /** Named line charts of this run: a later call with the same name redraws the same figure. */
  const named = new Map<string, HTMLElement>();
  /** Bumped by clear(): a renderer that arrives after a new run started draws nothing. */
  let generation = 0;
  return {
    handle(view: ShowView): void {
      if (views >= PAGE_MAX_VIEWS) return;
      views++;
      const again = view.kind === 'linechart' && view.name ? named.get(view.name) : undefined;
      if (again) {
        draw(again, view);
        return;
      }
      const figure = document.createElement('figure');
      figure.className = 'tl-show';
      figure.dataset.show = view.kind;
      figure.setAttribute('aria-busy', 'true');
      figure.textContent = ui.show.loading;
      if (!output.appendView(figure)) return;
      if (view.kind === 'linechart' && view.name) named.set(view.name, figure);
      draw(figure, view);
    },
    /** A new run starts (the output panel is cleared with it). */
    clear(): void {
      generation++;
      views = 0;
      named.clear();
    },
  };

  function draw(figure: HTMLElement, view: ShowView): void {
      const mine = generation;
      loadRenderer().then(
        (renderer) => {
          if (mine !== generation) return;
          try {
            renderer.renderView(figure, view);
          } catch (error) {
            figure.textContent = format(ui.show.failed, { message: error instanceof Error ? error.message : String(error) });
          }
          figure.removeAttribute('aria-busy');
        },
        (error: unknown) => {
          if (mine !== generation) return;
          figure.textContent = format(ui.show.failed, { message: error instanceof Error ? error.message : String(error) });
          figure.removeAttribute('aria-busy');
        },
      );
  }
}
