/**
 * The errors a run gets when it is ended from outside its code: the same
 * words whether the worker runner (page side) or the in-process runner ends it.
 */
import type { LearnerError } from './protocol.ts';

export function timeoutError(limitMs: number): LearnerError {
  const seconds = limitMs % 1000 === 0 ? `${limitMs / 1000} s` : `${(limitMs / 1000).toFixed(1)} s`;
  return {
    phase: 'timeout',
    name: 'Timeout',
    message: `Your code ran longer than the ${seconds} limit and was stopped. Is there a loop that never ends, or too many epochs?`,
  };
}

export function stoppedError(): LearnerError {
  return { phase: 'stopped', name: 'Stopped', message: 'You stopped the run.' };
}
