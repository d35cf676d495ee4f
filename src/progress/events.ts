/**
 * Window events between the parts of a page that share stored state. Other
 * tabs learn of changes through the browser's own `storage` event; these
 * tell the rest of *this* tab, which does not get `storage` events for its
 * own writes.
 */

/** Progress changed (an exercise passed or was tried): ticks and progress bars refresh. */
export const PROGRESS_EVENT = 'transfer-lab:progress';

/** "Load my work" wrote new code: open exercise blocks show it. */
export const WORK_LOADED_EVENT = 'transfer-lab:work-loaded';

/**
 * An exercise passed: `detail` is `{ exercise, numbers }`, the finite numbers the learner's code
 * exported (RunResult.numbers). Lesson 6's experiment chart keeps and plots the learner's own run.
 */
export const EXERCISE_PASSED_EVENT = 'transfer-lab:exercise-passed';

export interface ExercisePassedDetail {
  exercise: string;
  numbers: Record<string, number>;
}
