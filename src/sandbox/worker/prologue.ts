/**
 * How every run starts, in the worker (entry.ts) and in the in-process runner
 * alike: select the backend -> announce it -> configure `lab` for the run's
 * assets -> instrument `fit`. Then isolation is recorded (the instrumentation
 * is ours, so it is on the record) and execute.ts runs the code.
 */
import type { BackendSelection } from './backends.ts';
import { instrumentFit, type TfForFit } from './fit-instrument.ts';
import type { BackendChoice, RunEvent } from '../protocol.ts';

export interface PrologueOptions {
  id: number;
  backend: BackendChoice;
  /** Selects (and, where needed, warms) the backend; each runner knows its own way. */
  select(choice: BackendChoice): Promise<BackendSelection>;
  emit(event: RunEvent): void;
  tf: TfForFit;
  /** The `lab` module, if the runner has one. */
  lab: unknown;
  assetBase: string;
  /** Passed to `lab.configureLab` (Node: a fetch that reads files). */
  fetch?: typeof fetch;
}

/** The subset of `lab` the prologue calls. */
interface ConfigurableLab {
  configureLab(options: { assetBase: string; fetch?: typeof fetch }): void;
}

export async function runPrologue(options: PrologueOptions): Promise<BackendSelection> {
  const selection = await options.select(options.backend);
  options.emit({ type: 'backend', id: options.id, backend: selection.backend, ...(selection.note ? { note: selection.note } : {}) });
  const lab = options.lab as Partial<ConfigurableLab> | undefined;
  if (typeof lab?.configureLab === 'function') {
    lab.configureLab(options.fetch ? { assetBase: options.assetBase, fetch: options.fetch } : { assetBase: options.assetBase });
  }
  instrumentFit(options.tf);
  return selection;
}
