/**
 * <tl-exercise>: the always-loaded part of an exercise block, kept tiny.
 *
 * Why a custom element and no UI framework: the block is static HTML that
 * reads fine without JavaScript (Exercise.astro renders the starter code);
 * what comes alive is one imperative island (Monaco, a worker, a chart)
 * that a framework would only wrap. A custom element gives the two lifecycle
 * hooks we need, connected and disconnected, for free; Starlight builds its
 * interactive parts the same way.
 *
 * It loads the island (src/exercise/island.ts, with Monaco and the runtime
 * behind further dynamic imports, about 0.9 MB gz) on the learner's intent,
 * never just because the page opened with the exercise on screen:
 * - focus or a click inside the block, or the pointer within NEAR_PX of it;
 * - the block within LOAD_AHEAD of the viewport once the learner has done
 *   anything on the page (a key, a click, a wheel or touch scroll), or once
 *   the page has settled (SETTLE_MS after `load`, then an idle moment): a
 *   learner reading the first screen gets the editor while reading.
 */
import type { ExerciseAction, Island } from './island.ts';

/** How far ahead of the viewport the block starts loading: the editor is usually ready by the time it scrolls in. */
const LOAD_AHEAD = '200px 0px';
/** The pointer this close to the block (px) counts as heading for it. */
const NEAR_PX = 120;
/** After `load`, how long the page is left alone before nearby blocks load by themselves. */
const SETTLE_MS = 3000;

/** Resolves at the learner's first input on the page, or once the page has settled, whichever comes first. */
const armed: Promise<void> = new Promise((arm) => {
  const inputs = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
  const fire = () => {
    for (const type of inputs) removeEventListener(type, fire, true);
    arm();
  };
  for (const type of inputs) addEventListener(type, fire, { capture: true, passive: true });
  const settle = () =>
    setTimeout(() => ('requestIdleCallback' in window ? requestIdleCallback(fire, { timeout: 2000 }) : fire()), SETTLE_MS);
  if (document.readyState === 'complete') settle();
  else addEventListener('load', settle, { once: true });
});

/** One pointer listener for every block on the page: the pointer near a block starts it. */
const waiting = new Set<ExerciseBlock>();
let pointerFrame = 0;
function onPointerMove(event: PointerEvent): void {
  if (pointerFrame) return;
  const { clientX: x, clientY: y } = event;
  pointerFrame = requestAnimationFrame(() => {
    pointerFrame = 0;
    for (const block of waiting) {
      const box = block.getBoundingClientRect();
      const dx = Math.max(box.left - x, 0, x - box.right);
      const dy = Math.max(box.top - y, 0, y - box.bottom);
      if (Math.hypot(dx, dy) <= NEAR_PX) block.wake();
    }
  });
}

class ExerciseBlock extends HTMLElement {
  #island: Promise<Island> | undefined;
  #observer: IntersectionObserver | undefined;
  #pending: ExerciseAction[] = [];

  connectedCallback(): void {
    waiting.add(this);
    if (waiting.size === 1) addEventListener('pointermove', onPointerMove, { passive: true });
    void armed.then(() => {
      if (this.#island || !this.isConnected) return;
      this.#observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) this.#start(false);
        },
        { rootMargin: LOAD_AHEAD },
      );
      this.#observer.observe(this);
    });
    this.addEventListener('focusin', this.#onFocus);
    this.addEventListener('pointerdown', this.#onPointer);
    this.addEventListener('click', this.#onClick);
  }

  disconnectedCallback(): void {
    this.#stopWaiting();
    this.#observer?.disconnect();
    this.removeEventListener('focusin', this.#onFocus);
    this.removeEventListener('pointerdown', this.#onPointer);
    this.removeEventListener('click', this.#onClick);
    const island = this.#island;
    this.#island = undefined;
    void island?.then((loaded) => loaded.dispose());
  }

  #inCode(target: EventTarget | null): boolean {
    return target instanceof Element && target.closest('[data-slot="editor"]') !== null;
  }

  #onFocus = (event: FocusEvent) => this.#start(this.#inCode(event.target));
  #onPointer = (event: PointerEvent) => this.#start(this.#inCode(event.target));

  /** A control clicked before the island is ready: remember it and do it once loaded. */
  #onClick = (event: MouseEvent) => {
    // Once the island has wired its own buttons ("wired", "ready"), it handles clicks itself.
    if (this.dataset.island !== undefined && this.dataset.island !== 'starting') return;
    const action = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-action]')?.dataset.action : undefined;
    if (action === 'run' || action === 'reset' || action === 'solution') {
      this.#pending.push(action);
      this.#start(false);
    }
  };

  /** The pointer came near: start loading. */
  wake(): void {
    this.#start(false);
  }

  #stopWaiting(): void {
    waiting.delete(this);
    if (waiting.size === 0) removeEventListener('pointermove', onPointerMove);
  }

  #start(focusEditor: boolean): void {
    if (this.#island) return;
    this.#stopWaiting();
    this.#observer?.disconnect();
    this.dataset.island = 'starting';
    // The editor's modules (Monaco) start downloading now, beside the island, instead of once
    // the island has loaded and asked for them (20-120 ms later); island.ts awaits the same import.
    import('../editor/code-editor.ts').catch(() => undefined); // a failure is the island's to report
    this.#island = import('./island.ts').then(async ({ mountExercise }) => {
      const island = await mountExercise(this, { focusEditor });
      for (const action of this.#pending.splice(0)) island.perform(action);
      return island;
    });
    this.#island.catch((error: unknown) => {
      this.dataset.island = 'failed';
      console.error('Transfer Lab: the exercise block could not start.', error);
    });
  }
}

if (!customElements.get('tl-exercise')) customElements.define('tl-exercise', ExerciseBlock);
