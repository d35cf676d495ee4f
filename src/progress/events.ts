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
