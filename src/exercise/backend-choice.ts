/**
 * The learner's TensorFlow.js backend choice (Auto / wasm / webgl / cpu),
 * remembered in localStorage for every exercise of the course.
 */
import { BACKENDS, type BackendChoice } from '../sandbox/protocol.ts';
import { storageKeys } from '../progress/keys.ts';
import { readItem, writeItem } from '../progress/local-storage.ts';

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', ...BACKENDS];

export function isBackendChoice(value: unknown): value is BackendChoice {
  return typeof value === 'string' && (BACKEND_CHOICES as readonly string[]).includes(value);
}

export function readBackendChoice(storage: Storage | null): BackendChoice {
  const stored = storage ? readItem(storage, storageKeys.backend) : null;
  return isBackendChoice(stored) ? stored : 'auto';
}

export function saveBackendChoice(storage: Storage | null, choice: BackendChoice): void {
  if (storage) writeItem(storage, storageKeys.backend, choice);
}
