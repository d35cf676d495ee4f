/**
 * The live training view: for each `model.fit` call of a run, a progress bar
 * of batches and a chart of loss and accuracy per epoch (uPlot, loaded the
 * first time a run trains), plus a one-line text summary so the numbers are
 * there for screen readers and for anyone who prefers text.
 *
 * The data lives in fit-history.ts; this module only draws it.
 */
import {
  applyFitEvent,
  chartColumns,
  fitProgress,
  formatMetrics,
  isAccuracy,
  metricNames,
  type FitEvent,
  type FitRecord,
} from './fit-history.ts';
import { format, ui } from '../i18n/ui.ts';
import type uPlotType from 'uplot';
// The stylesheet is small (2 KB) and comes with the island; a dynamic import
// of a bare CSS file is dropped from Astro's client build.
import 'uplot/dist/uPlot.min.css';

type UPlot = typeof uPlotType;
let uPlotLoading: Promise<UPlot> | undefined;
function loadUPlot(): Promise<UPlot> {
  uPlotLoading ??= import('uplot').then((module) => module.default);
  return uPlotLoading;
}

const COLORS: Record<string, string> = { loss: '#2563eb', acc: '#ea580c', val_loss: '#0d9488', val_acc: '#c026d3' };
/** A metric's colour: its own (validation ones differ from training ones, besides being dashed), else by kind. */
function colorOf(name: string): string {
  const base = name.startsWith('val_') ? (isAccuracy(name) ? 'val_acc' : 'val_loss') : isAccuracy(name) ? 'acc' : 'loss';
  return COLORS[name] ?? COLORS[base]!;
}
const CHART_HEIGHT = 180;

interface FitView {
  record: FitRecord;
  figure: HTMLElement;
  caption: HTMLElement;
  progress: HTMLProgressElement;
  chartBox: HTMLElement;
  summary: HTMLElement;
  /** Says what the dashed validation lines are, when the fit has validation data. */
  validationNote: HTMLElement;
  chart?: uPlotType;
  /** Metric names the chart was built with; a new name rebuilds it. */
  names: string[];
}

/**
 * The top of the loss axis, shared by every chart of a run: the largest loss
 * any fit has logged so far, rounded up to a round number. One scale for all
 * phases, so phase 2's small change does not look like a big drop next to
 * phase 1's (each chart scaled on its own stretched its own range to fill it).
 */
export function sharedLossCeiling(records: Iterable<FitRecord>): number {
  let max = 0;
  for (const record of records) {
    for (const { logs } of record.epochLogs) {
      for (const [name, value] of Object.entries(logs)) {
        if (!isAccuracy(name) && Number.isFinite(value) && value > max) max = value;
      }
    }
  }
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max)) / 2;
  return Math.ceil((max * 1.02) / step) * step;
}

/** Charts of longer fits are drawn as lines only. */
const POINTS_UP_TO_EPOCHS = 60;

export function createTrainingView(area: HTMLElement) {
  const fits = new Map<number, FitRecord>();
  const views = new Map<number, FitView>();
  let uPlot: UPlot | undefined;
  let disposed = false;
  const resize = new ResizeObserver(() => {
    for (const view of views.values()) view.chart?.setSize({ width: chartWidth(view), height: CHART_HEIGHT });
  });

  function chartWidth(view: FitView): number {
    return Math.max(240, view.chartBox.clientWidth || area.clientWidth || 480);
  }

  function viewFor(record: FitRecord): FitView {
    const existing = views.get(record.fit);
    if (existing) return existing;
    const figure = document.createElement('figure');
    figure.className = 'tl-fit';
    figure.dataset.fit = String(record.fit);
    const caption = document.createElement('figcaption');
    const progress = document.createElement('progress');
    progress.setAttribute('aria-label', format(ui.exercise.fitTitle, { n: record.fit + 1 }));
    const chartBox = document.createElement('div');
    chartBox.className = 'tl-chart';
    chartBox.setAttribute('role', 'img');
    chartBox.setAttribute('aria-label', ui.exercise.chartLabel);
    const summary = document.createElement('p');
    summary.className = 'tl-fit-summary';
    const validationNote = document.createElement('p');
    // Its own class: `.tl-fit-summary` is the one line of figures after the last epoch.
    validationNote.className = 'tl-fit-note';
    validationNote.dataset.slot = 'validation-note';
    validationNote.textContent = ui.exercise.chartValidation;
    validationNote.hidden = true;
    figure.append(caption, progress, chartBox, summary, validationNote);
    area.append(figure);
    area.hidden = false;
    resize.observe(chartBox);
    const view: FitView = { record, figure, caption, progress, chartBox, summary, validationNote, names: [] };
    views.set(record.fit, view);
    return view;
  }

  let lossCeiling = 1;
  /** Raises the shared loss axis when a fit logged a larger loss; the other charts follow. */
  function updateLossCeiling(except: FitView): void {
    const next = sharedLossCeiling(fits.values());
    if (next === lossCeiling) return;
    lossCeiling = next;
    for (const other of views.values()) labelChart(other);
    for (const other of views.values()) {
      // setData re-runs the loss scale's range function, which reads lossCeiling.
      if (other !== except && other.chart) other.chart.setData(other.chart.data);
    }
  }

  /** The chart's text alternative says its scales, so "same scale for every phase" is readable too. */
  function labelChart(view: FitView): void {
    view.chartBox.setAttribute('aria-label', format(ui.exercise.chartScales, { label: ui.exercise.chartLabel, max: lossCeiling }));
  }

  function drawChart(view: FitView): void {
    if (!uPlot || view.record.epochLogs.length === 0) return;
    updateLossCeiling(view);
    const names = metricNames(view.record);
    const data = chartColumns(view.record, names) as uPlotType.AlignedData;
    if (view.chart && names.join() === view.names.join()) {
      view.chart.setData(data);
      return;
    }
    view.chart?.destroy();
    view.names = names;
    // The metrics drawn, for tests and styles ("loss val_loss acc val_acc"); validation gets a note.
    view.figure.dataset.metrics = names.join(' ');
    const validation = names.some((name) => name.startsWith('val_'));
    view.figure.toggleAttribute('data-validation', validation);
    view.validationNote.hidden = !validation;
    labelChart(view);
    const hasAccuracy = names.some(isAccuracy);
    const ink = getComputedStyle(area).color || '#444';
    const axis = { stroke: ink, grid: { stroke: 'rgba(128,128,128,0.25)' }, ticks: { stroke: 'rgba(128,128,128,0.4)' } };
    view.chart = new uPlot(
      {
        width: chartWidth(view),
        height: CHART_HEIGHT,
        scales: { x: { time: false }, loss: { range: (): uPlotType.Range.MinMax => [0, lossCeiling] }, acc: { range: [0, 1] } },
        series: [
          { label: ui.exercise.chartEpoch },
          ...names.map((name) => ({
            label: name,
            scale: isAccuracy(name) ? 'acc' : 'loss',
            stroke: colorOf(name),
            width: 2,
            ...(name.startsWith('val_') ? { dash: [6, 4] } : {}),
            // Dots help read a few epochs; past that they only cost drawing time.
            points: { show: (view.record.epochs || 0) <= POINTS_UP_TO_EPOCHS, size: 5 },
            spanGaps: true,
          })),
        ],
        axes: [
          { ...axis, label: ui.exercise.chartEpoch, incrs: [1, 2, 5, 10, 20, 50, 100] },
          { ...axis, scale: 'loss', label: ui.exercise.chartLoss },
          ...(hasAccuracy
            ? [{ ...axis, scale: 'acc', side: 1, label: ui.exercise.chartAccuracy, grid: { show: false } }]
            : []),
        ],
        // Names and colours only: a live legend shows "epoch: -- loss: --" until the pointer
        // is over the chart, and the latest numbers are in the summary line below it anyway.
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false } },
      },
      data,
      view.chartBox,
    );
  }

  function render(view: FitView): void {
    const { record } = view;
    const { value, max } = fitProgress(record);
    view.progress.max = max;
    view.progress.value = value;
    const title = format(ui.exercise.fitTitle, { n: record.fit + 1 });
    let where: string;
    if (record.done) {
      where = format(ui.exercise.fitDone, { epochs: record.epochLogs.length });
    } else {
      where = format(ui.exercise.fitProgress, { epoch: Math.min(record.epoch + 1, record.epochs), epochs: record.epochs });
      if (record.batch >= 0) {
        where += ', ' + (record.batches
          ? format(ui.exercise.fitBatch, { batch: record.batch + 1, batches: record.batches })
          : format(ui.exercise.fitBatchUnknown, { batch: record.batch + 1 }));
      }
    }
    view.caption.textContent = `${title}: ${where}`;
    const last = record.epochLogs.at(-1);
    view.summary.textContent = last
      ? format(ui.exercise.fitEpochSummary, { epoch: last.epoch + 1, metrics: formatMetrics(last.logs) })
      : '';
    drawChart(view);
  }

  // Events update the records at once; views are drawn at most once per frame, so
  // thousands of tiny epochs cost a redraw per frame, not one per event.
  const dirty = new Set<FitView>();
  let frame = 0;
  function renderDirty(): void {
    frame = 0;
    for (const view of dirty) render(view);
    dirty.clear();
  }

  return {
    handle(event: FitEvent): void {
      const record = applyFitEvent(fits, event);
      dirty.add(viewFor(record));
      if (event.type === 'fit-end') {
        if (frame) cancelAnimationFrame(frame);
        renderDirty();
      } else {
        frame ||= requestAnimationFrame(renderDirty);
      }
      if (!uPlot) {
        void loadUPlot().then((loaded) => {
          if (disposed) return;
          uPlot = loaded;
          for (const each of views.values()) drawChart(each);
        });
      }
    },
    /** Removes every chart (a new run starts). */
    clear(): void {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      dirty.clear();
      for (const view of views.values()) view.chart?.destroy();
      views.clear();
      fits.clear();
      lossCeiling = 1;
      resize.disconnect();
      area.replaceChildren();
      area.hidden = true;
    },
    dispose(): void {
      disposed = true;
      this.clear();
    },
  };
}

export type TrainingView = ReturnType<typeof createTrainingView>;
