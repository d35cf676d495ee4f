/**
 * Where one run's time went, from the page's wall clock, the RunResult and
 * the probe's report (see probe.ts). All in ms.
 *
 *   wall    = the page's run() call to the graded RunResult (what a learner waits after clicking Run,
 *             with the spare worker already warm)
 *   load    = learner code start -> last pretrained-weights load done *before the first fit*
 *             (fetching model.json and weights.bin, building the model)
 *   setup   = -> first fit starts (data load, model surgery, compile)
 *   warmup  = per fit, its first epoch minus the median of its other epochs (shader compilation on
 *             webgl, first-call costs of every kernel and the gradient graph); summed over fits
 *   train   = the fits' time minus warm-up
 *   after   = last fit end -> learner code end (evaluation, logging, a later model load)
 *   checks  = RunResult.checksMs
 *   overhead= wall - runMs - checksMs (backend switch, messages, compiling the code and checks)
 *
 * For a program without fits, `load` and `after` cover everything.
 */
import type { ProbeReport } from './probe.ts';
import { median } from './stats.ts';

export interface PhaseSplit {
  wall: number;
  load: number;
  setup: number;
  warmup: number;
  train: number;
  after: number;
  checks: number;
  overhead: number;
}

export const PHASE_NAMES = ['load', 'setup', 'warmup', 'train', 'after', 'checks', 'overhead'] as const;

export interface RunTimes {
  wallMs: number;
  runMs: number;
  checksMs: number;
}

/** The extra time of each fit's first epoch over its typical epoch (0 with a single epoch: nothing to compare with). */
export function fitWarmup(fit: ProbeReport['fits'][number]): number {
  const epochs = epochDurations(fit);
  if (epochs.length < 2) return 0;
  return Math.max(0, epochs[0]! - median(epochs.slice(1)));
}

export function epochDurations(fit: ProbeReport['fits'][number]): number[] {
  const out: number[] = [];
  let previous = fit.start;
  for (const end of fit.epochEnds) {
    out.push(end - previous);
    previous = end;
  }
  return out;
}

export function splitPhases(times: RunTimes, probe: ProbeReport): PhaseSplit {
  const firstFit = probe.fits[0];
  const lastFit = probe.fits.at(-1);
  const loadsBeforeFit = probe.weightsLoaded.filter((t) => firstFit === undefined || t <= firstFit.start);
  const loadEnd = loadsBeforeFit.length ? Math.max(...loadsBeforeFit) : probe.start;
  const fitTotal = probe.fits.reduce((sum, fit) => sum + (fit.end - fit.start), 0);
  const warmup = probe.fits.reduce((sum, fit) => sum + fitWarmup(fit), 0);
  return {
    wall: times.wallMs,
    load: loadEnd - probe.start,
    setup: firstFit ? firstFit.start - loadEnd : 0,
    warmup,
    train: fitTotal - warmup,
    // Gaps between fits (re-compiling, changing `trainable`) count as `after` too: they are neither load nor training.
    after: (lastFit ? probe.end - lastFit.end : probe.end - loadEnd) + gapsBetweenFits(probe),
    checks: times.checksMs,
    overhead: times.wallMs - times.runMs - times.checksMs,
  };
}

function gapsBetweenFits(probe: ProbeReport): number {
  let gaps = 0;
  for (let i = 1; i < probe.fits.length; i++) gaps += probe.fits[i]!.start - probe.fits[i - 1]!.end;
  return gaps;
}

/** Samples seen per second of steady training (warm-up excluded), over all fits. */
export function trainingMsPerSample(probe: ProbeReport): number | undefined {
  let ms = 0;
  let samples = 0;
  for (const fit of probe.fits) {
    const epochs = epochDurations(fit);
    if (epochs.length < 2 || !fit.samples) continue;
    ms += epochs.slice(1).reduce((a, b) => a + b, 0);
    samples += fit.samples * (epochs.length - 1);
  }
  return samples ? ms / samples : undefined;
}
