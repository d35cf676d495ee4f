/**
 * The learner's own run on the course's experiment chart (<ExperimentPlot ownRun=...>).
 *
 * When the named exercise passes on this page, the numbers its code exported
 * (RunResult.numbers, sent with EXERCISE_PASSED_EVENT) are kept in
 * localStorage (src/progress/own-run.ts) and drawn as two labelled points at
 * the exercise's k, with a line "Your run: +X.X points". On a later visit the
 * stored run is drawn at once. A custom element, no framework: it only adds
 * a few SVG nodes to a chart that is complete without JavaScript.
 */
import { EXERCISE_PASSED_EVENT, type ExercisePassedDetail } from '../progress/events.ts';
import { browserStorage } from '../progress/local-storage.ts';
import { createOwnRunStore } from '../progress/own-run.ts';

const SVG = 'http://www.w3.org/2000/svg';

/** What the component renders into data attributes: the chart's geometry and the run to look for. */
interface OwnRunSpec {
  exercise: string;
  k: number;
  scratch: string;
  transfer: string;
  x: number;
  yMin: number;
  yMax: number;
  top: number;
  bottom: number;
}

function specOf(element: HTMLElement): OwnRunSpec | null {
  const d = element.dataset;
  const spec = {
    exercise: d.ownExercise ?? '',
    k: Number(d.ownK),
    scratch: d.ownScratch ?? '',
    transfer: d.ownTransfer ?? '',
    x: Number(d.ownX),
    yMin: Number(d.yMin),
    yMax: Number(d.yMax),
    top: Number(d.plotTop),
    bottom: Number(d.plotBottom),
  };
  const numbersOk = [spec.k, spec.x, spec.yMin, spec.yMax, spec.top, spec.bottom].every(Number.isFinite);
  return numbersOk && spec.exercise && spec.scratch && spec.transfer ? spec : null;
}

const percent = (a: number) => `${(a * 100).toFixed(1)}%`;

export class ExperimentOwnRun extends HTMLElement {
  private onPassed = (event: Event) => {
    const spec = specOf(this);
    const detail = (event as CustomEvent<ExercisePassedDetail>).detail;
    if (!spec || !detail || detail.exercise !== spec.exercise) return;
    const scratch = detail.numbers[spec.scratch];
    const transfer = detail.numbers[spec.transfer];
    if (typeof scratch !== 'number' || typeof transfer !== 'number') return;
    const numbers = { [spec.scratch]: scratch, [spec.transfer]: transfer };
    const outcome = createOwnRunStore(browserStorage(), spec.exercise).save(numbers);
    this.draw(spec, scratch, transfer, outcome === 'ok');
  };

  connectedCallback(): void {
    window.addEventListener(EXERCISE_PASSED_EVENT, this.onPassed);
    const spec = specOf(this);
    if (!spec) return;
    const loaded = createOwnRunStore(browserStorage(), spec.exercise).load();
    if (loaded.kind === 'saved') {
      const scratch = loaded.run.numbers[spec.scratch];
      const transfer = loaded.run.numbers[spec.transfer];
      if (scratch !== undefined && transfer !== undefined) this.draw(spec, scratch, transfer, true);
    }
  }

  disconnectedCallback(): void {
    window.removeEventListener(EXERCISE_PASSED_EVENT, this.onPassed);
  }

  private draw(spec: OwnRunSpec, scratch: number, transfer: number, kept: boolean): void {
    const svg = this.querySelector('svg');
    const line = this.querySelector<HTMLElement>('[data-own-run-line]');
    if (!svg || !line) return;
    svg.querySelector('[data-own-run]')?.remove();
    const y = (a: number) => {
      const clamped = Math.min(spec.yMax, Math.max(spec.yMin, a));
      return spec.top + (1 - (clamped - spec.yMin) / (spec.yMax - spec.yMin || 1)) * (spec.bottom - spec.top);
    };
    const group = document.createElementNS(SVG, 'g');
    group.setAttribute('data-own-run', '');
    const points: [string, number, string][] = [
      ['your scratch', scratch, 'own-scratch'],
      ['your transfer', transfer, 'own-transfer'],
    ];
    for (const [label, accuracy, kind] of points) {
      const cx = spec.x + (kind === 'own-scratch' ? -6 : 6);
      const dot = document.createElementNS(SVG, 'circle');
      dot.setAttribute('cx', String(cx));
      dot.setAttribute('cy', String(y(accuracy)));
      dot.setAttribute('r', '6');
      dot.setAttribute('class', `own-point ${kind}`);
      dot.setAttribute('data-own-point', kind);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${label}: ${percent(accuracy)}`;
      dot.append(title);
      const text = document.createElementNS(SVG, 'text');
      text.setAttribute('x', String(cx + 10));
      text.setAttribute('y', String(y(accuracy) + 4));
      text.setAttribute('class', 'own-label');
      text.textContent = `${label} ${percent(accuracy)}`;
      group.append(dot, text);
    }
    svg.append(group);
    const lead = (transfer - scratch) * 100;
    line.textContent =
      `Your run (${spec.k} images per class): from scratch ${percent(scratch)}, transfer ${percent(transfer)}. ` +
      `Your run: ${lead >= 0 ? '+' : '−'}${Math.abs(lead).toFixed(1)} points.` +
      (kept ? '' : ' (This browser does not let the course store it, so it will not be here after a reload.)');
    line.hidden = false;
  }
}

if (!customElements.get('experiment-own-run')) customElements.define('experiment-own-run', ExperimentOwnRun);
