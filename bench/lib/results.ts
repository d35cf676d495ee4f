/**
 * The shape of bench/results.json: one object, every section optional (a
 * section that was skipped or failed is absent and says so in `skipped`).
 */
import type { ExerciseCell } from '../sections/exercises.ts';
import type { MemoryResult } from '../sections/memory.ts';
import type { EditorReadyResult, LessonPageWeight } from '../sections/page-weight.ts';
import type { ThroughputResult, TransferResult } from '../sections/probes.ts';
import type { NodeBackendResult, PyTorchResult } from '../sections/references.ts';
import type { MachineInfo } from './machine.ts';
import type { TargetRow } from './targets.ts';

export interface BenchResults {
  schema: 1;
  /** ISO time the bench started. */
  date: string;
  mode: 'full' | 'quick';
  /** Exactly how it was run. */
  command: string;
  machine: MachineInfo;
  /** Wall time of each section, seconds. */
  sectionSeconds: Record<string, number>;
  /** Sections not run, with the reason. */
  skipped: Record<string, string>;
  exercises?: ExerciseCell[];
  throughput?: ThroughputResult[];
  transfer?: TransferResult[];
  memory?: MemoryResult;
  pages?: { lessons: LessonPageWeight[]; editorReady: EditorReadyResult[] };
  node?: NodeBackendResult[];
  pytorch?: PyTorchResult;
  threads?: import('../sections/threads.ts').ThreadsResult;
  targets?: TargetRow[];
}
