/**
 * The bench's command line. Pure, so it is unit-tested.
 *
 *   --quick               one small pass of every section (the smoke mode)
 *   --dist <dir>          measure this existing build (default: build into .tmp/bench-dist)
 *   --only <a,b>          sections to run (default: all): pages, exercises, probes, memory, node, pytorch
 *   --runs <n>            repetitions per exercise and backend (default 5)
 *   --out <file>          where to write the JSON (default bench/results.json; quick: bench/tmp/results-quick.json)
 */
export const SECTIONS = ['pages', 'exercises', 'probes', 'memory', 'node', 'pytorch', 'threads'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchArgs {
  quick: boolean;
  dist?: string;
  only: Section[];
  runs: number;
  out: string;
  /** Repetitions of each probe (throughput, transfer) and of the Node / PyTorch references. */
  probeRuns: number;
  /** Runs of the heaviest exercise in the memory section. */
  memoryRuns: number;
  /** Editor-ready trials per lesson page. */
  editorTrials: number;
  /** An (exercise, backend) cell stops repeating once it has used this long (slow backends; at least one run). */
  cellBudgetSeconds: number;
  /** A bench run is stopped after this long even if the exercise allows more (the cpu backend can take minutes). */
  maxRunSeconds: number;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    if (index === -1) return undefined;
    const next = argv[index + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
    return next;
  };
  const known = new Set(['--quick', '--dist', '--only', '--runs', '--out']);
  for (const arg of argv) {
    if (arg.startsWith('--') && !known.has(arg)) throw new Error(`Unknown option ${arg}. Options: ${[...known].join(', ')}`);
  }
  const quick = argv.includes('--quick');
  const onlyValue = value('--only');
  const only = onlyValue ? onlyValue.split(',').map((s) => s.trim()) : [...SECTIONS];
  for (const name of only) {
    if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`Unknown section "${name}". Sections: ${SECTIONS.join(', ')}`);
  }
  const runsValue = value('--runs');
  const runs = runsValue === undefined ? (quick ? 1 : 5) : Number(runsValue);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number >= 1, got ${runsValue}`);
  const dist = value('--dist');
  return {
    quick,
    ...(dist ? { dist } : {}),
    only: only as Section[],
    runs,
    out: value('--out') ?? (quick ? 'bench/tmp/results-quick.json' : 'bench/results.json'),
    probeRuns: quick ? 1 : 2,
    memoryRuns: quick ? 3 : 20,
    editorTrials: quick ? 1 : 5,
    cellBudgetSeconds: 60,
    maxRunSeconds: 15,
  };
}
