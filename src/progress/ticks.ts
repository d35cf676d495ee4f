/**
 * Shows the learner's progress in navigation: ticks on lesson entries and
 * course progress bars. Include it once per page (ProgressTicks.astro does).
 *
 * The page renders the placeholders; this script fills them in:
 *
 * - `[data-lesson-progress="<lesson-id>"]`, optionally with
 *   `data-exercises="name-a name-b"` (the lesson's exercise names; without
 *   it a lesson can be "started" but never "done"). It gets
 *   `data-progress-state="done" | "started" | "none"`, and inside it (inside
 *   its link, if it has one) a tick and a visually hidden word, so the state
 *   is read out with the link.
 * - `[data-course-progress]`: a `<progress>` (or any element) counting the
 *   passed exercises. It counts the ids in its own
 *   `data-exercises="lesson/a lesson/b"`, else every exercise listed by the
 *   lesson entries on the page. A `<progress>` gets value and max; every
 *   element gets `data-passed`, `data-total` and a text/label
 *   "3 of 7 exercises passed".
 *
 * It refreshes when this tab records progress (PROGRESS_EVENT) and when
 * another tab does (`storage` event).
 */
import { browserStorage } from './local-storage.ts';
import { countPassed, createProgressStore, lessonState, type LessonState } from './store.ts';
import { PROGRESS_EVENT } from './events.ts';
import { storageKeys } from './keys.ts';
import { format, ui } from '../i18n/ui.ts';
import './ticks.css';

const MARKS: Record<LessonState, string> = { done: '✓', started: '◐', none: '' };
const WORDS: Record<LessonState, string> = {
  done: ui.progress.lessonDone,
  started: ui.progress.lessonStarted,
  none: ui.progress.lessonNone,
};

const names = (value: string | undefined): string[] => (value ?? '').split(/\s+/).filter(Boolean);

function markLesson(entry: HTMLElement, state: LessonState): void {
  entry.dataset.progressState = state;
  const target = entry.querySelector('a') ?? entry;
  let mark = target.querySelector<HTMLElement>(':scope > .tl-tick');
  if (!mark) {
    mark = document.createElement('span');
    mark.className = 'tl-tick';
    mark.innerHTML = '<span aria-hidden="true"></span><span class="visually-hidden"></span>';
    target.append(mark);
  }
  mark.dataset.state = state;
  mark.firstElementChild!.textContent = MARKS[state];
  // "none" says nothing: a list of "not started" would only be noise.
  mark.lastElementChild!.textContent = state === 'none' ? '' : ` (${WORDS[state]})`;
}

export function refreshProgress(root: ParentNode = document): void {
  const store = createProgressStore(browserStorage());
  const record = store.read();
  const withCode = store.exercisesWithCode();
  const everyExercise: string[] = [];

  for (const entry of root.querySelectorAll<HTMLElement>('[data-lesson-progress]')) {
    const lesson = entry.dataset.lessonProgress ?? '';
    const exercises = names(entry.dataset.exercises);
    everyExercise.push(...exercises.map((name) => `${lesson}/${name}`));
    markLesson(entry, lessonState(record, lesson, exercises, withCode));
  }

  for (const bar of root.querySelectorAll<HTMLElement>('[data-course-progress]')) {
    const own = names(bar.dataset.exercises);
    const counted = [...new Set(own.length ? own : everyExercise)];
    const passed = countPassed(record, counted);
    const total = counted.length;
    const text = format(ui.progress.courseProgress, { passed, total });
    bar.dataset.passed = String(passed);
    bar.dataset.total = String(total);
    if (bar instanceof HTMLProgressElement) {
      bar.max = Math.max(total, 1);
      bar.value = passed;
      bar.setAttribute('aria-valuetext', text);
      bar.textContent = text;
    } else {
      bar.textContent = text;
    }
  }
}

refreshProgress();
window.addEventListener(PROGRESS_EVENT, () => refreshProgress());
window.addEventListener('storage', (event) => {
  if (event.key === null || event.key === storageKeys.progress || event.key.startsWith('transfer-lab:v1:code:')) {
    refreshProgress();
  }
});
