/**
 * A short celebration when every check passes. The animation lives in CSS
 * and is switched off under prefers-reduced-motion; the words stay.
 */
import { ui } from '../i18n/ui.ts';

export function celebrate(area: HTMLElement): void {
  const note = document.createElement('p');
  note.className = 'tl-celebrate';
  note.textContent = ui.exercise.celebrate;
  area.prepend(note);
}
