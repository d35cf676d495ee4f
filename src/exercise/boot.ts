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
 * behind further dynamic imports) only when needed: when the block comes
 * near the viewport, or when the learner focuses or clicks inside it.
 */
import type { ExerciseAction, Island } from './island.ts';

/** How far ahead of the viewport the block starts loading: the editor is usually ready by the time it scrolls in. */
const LOAD_AHEAD = '200px 0px';

class ExerciseBlock extends HTMLElement {
  #island: Promise<Island> | undefined;
  #observer: IntersectionObserver | undefined;
  #pending: ExerciseAction[] = [];

  connectedCallback(): void {
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.#start(false);
      },
      { rootMargin: LOAD_AHEAD },
    );
    this.#observer.observe(this);
    this.addEventListener('focusin', this.#onFocus);
    this.addEventListener('pointerdown', this.#onPointer);
    this.addEventListener('click', this.#onClick);
  }

  disconnectedCallback(): void {
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

  #start(focusEditor: boolean): void {
    if (this.#island) return;
    this.#observer?.disconnect();
    this.dataset.island = 'starting';
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
