/**
 * Every localStorage key the course writes, in one place.
 *
 * Keys are versioned (`transfer-lab:v1:`): a future format gets `v2` keys and
 * can migrate from `v1` instead of misreading it.
 */
const PREFIX = 'transfer-lab:v1:';

export const storageKeys = {
  /** The learner's code of one exercise ("lesson/exercise"). */
  code: (exercise: string) => `${PREFIX}code:${exercise}`,
  /** Code kept aside when the learner takes the solution, so they can restore it. */
  codeBackup: (exercise: string) => `${PREFIX}code-backup:${exercise}`,
  /** Where an unreadable stored value is moved to, so nothing is silently lost. */
  unreadable: (key: string, at: number) => `${PREFIX}unreadable:${at}:${key.slice(PREFIX.length)}`,
  /** Passed and attempted exercises. */
  progress: `${PREFIX}progress`,
  /** The learner's TensorFlow.js backend choice (auto, wasm, webgl, cpu). */
  backend: `${PREFIX}backend`,
  /** The numbers of the learner's last passing run of one exercise ("lesson/exercise"), e.g. for lesson 6's chart. */
  ownRun: (exercise: string) => `${PREFIX}own-run:${exercise}`,
} as const;

/** The exercise id of a code key, or null for any other key. */
export function exerciseOfCodeKey(key: string): string | null {
  const prefix = `${PREFIX}code:`;
  return key.startsWith(prefix) ? key.slice(prefix.length) : null;
}
