/**
 * What `show` sends to the page: one plain, bounded object per call (a "view").
 *
 * Views are data, not DOM: the worker builds them (show.ts reads the tensors),
 * the page draws them (src/exercise/show-render.ts), and the checks read a
 * summary of them (`shown` in the check context). Pixels travel as bytes
 * (`Uint8Array`, 0-255, row-major, channels last), never as float arrays.
 *
 * Every view is bounded: a cap on images, maps, rows and bytes, and when a cap
 * cuts something the view says so in `notices` (the page shows them under it).
 * The protocol (src/sandbox/protocol.ts) carries a view as `{ type: 'show', view }`.
 * Pure (no tfjs), so the caps are unit tested in Node.
 */

/** The kinds of view, named as the page's `data-show` attribute names them. */
export const SHOW_KINDS = ['images', 'confusion', 'per-class', 'filters', 'activations', 'table', 'linechart'] as const;
export type ShowKind = (typeof SHOW_KINDS)[number];

/** Caps of one view. The run-wide caps (views per run, bytes per run) are the sandbox's (show-recorder.ts). */
export const SHOW_LIMITS = {
  /** Images in one `show.images` grid. */
  images: 100,
  /** Images kept behind each confusion-matrix cell. */
  imagesPerCell: 24,
  /** Images behind all the cells of one confusion matrix. */
  confusionImages: 600,
  /** Classes (rows and columns) of a confusion matrix or a per-class chart. */
  classes: 20,
  /** Filters of one `show.filters`. */
  filters: 64,
  /** Layers of one `show.activations`. */
  layers: 4,
  /** Feature maps (channels) per layer of one `show.activations`. */
  maps: 32,
  /** Rows and columns of one `show.table`, characters per cell. */
  rows: 100,
  columns: 12,
  cellChars: 120,
  /** Series of one `show.linechart`, points per series. */
  series: 8,
  points: 500,
  /** Characters of a view's name and of a class name. */
  nameChars: 120,
  /** Height or width of an image or a map. */
  side: 128,
  /** Pixel bytes in one view. */
  bytes: 1_000_000,
} as const;

/** A set of same-sized images as bytes: `pixels.length === count * height * width * channels`. */
export interface ImageBytes {
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB). */
  channels: 1 | 3;
  count: number;
  pixels: Uint8Array;
}

interface ViewBase {
  /** The `name` the learner gave the view, if any. */
  name?: string;
  /** What a cap left out, in words (empty when nothing was). */
  notices: string[];
}

/** `show.images`: a grid of images with their true and, when given, predicted labels. */
export interface ImagesView extends ViewBase {
  kind: 'images';
  images: ImageBytes;
  /** The true label of each shown image, when known. */
  labels?: string[];
  /** The model's label for each shown image, when predictions were given. */
  predicted?: string[];
  /** Images it could show: all of the data's, or with `only` all the wrong (right) ones; the grid shows `images.count`. */
  total: number;
  /** Set when only the wrong (or right) predictions were asked for. */
  only?: 'wrong' | 'right';
}

/** `show.confusion`: the matrix; with the data, the images behind each cell. */
export interface ConfusionView extends ViewBase {
  kind: 'confusion';
  classNames: string[];
  /** `matrix[t][p]`: images of true class t predicted as p. */
  matrix: number[][];
  /** The images kept (at most SHOW_LIMITS.imagesPerCell per cell), with their true and predicted class. */
  cells?: { images: ImageBytes; truth: number[]; predicted: number[] };
}

/** `show.perClass`: accuracy within each true class. */
export interface PerClassView extends ViewBase {
  kind: 'per-class';
  classNames: string[];
  /** 0 to 1; null for a class with no images. */
  accuracy: (number | null)[];
  /** Images of each class, when known (from the confusion matrix). */
  counts?: number[];
}

/** `show.filters`: a convolution layer's kernels as small grey images (0 = mid-grey). */
export interface FiltersView extends ViewBase {
  kind: 'filters';
  layer: string;
  /** One image per filter, each kernel averaged over its input channels. */
  images: ImageBytes;
  /** Filters the layer has (`images.count` shown). */
  total: number;
  /** Input channels each kernel spans (averaged into one image when more than one). */
  inputChannels: number;
  /** The weight that maps to white (and its negative to black). */
  scale: number;
}

/** `show.activations`: what chosen layers output for one image, one grey map per channel. */
export interface ActivationsView extends ViewBase {
  kind: 'activations';
  /** The input image. */
  input: ImageBytes;
  layers: {
    layer: string;
    /** One image per channel shown, each scaled to its own range (black = its lowest value). */
    maps: ImageBytes;
    /** Channels the layer outputs. */
    channels: number;
  }[];
}

/** `show.table`: rows of text. */
export interface TableView extends ViewBase {
  kind: 'table';
  columns: string[];
  rows: string[][];
  /** Rows given (`rows.length` shown). */
  total: number;
}

/**
 * `show.linechart`: lines of (x, y) points, one per series (tfjs-vis's `render.linechart`). A later
 * call with the same `name` in the same run redraws the same chart (a chart that grows while it runs).
 */
export interface LinechartView extends ViewBase {
  kind: 'linechart';
  series: { name: string; points: { x: number; y: number }[] }[];
  xLabel?: string;
  yLabel?: string;
  /** Draw x on a log scale (all x > 0). */
  xLog: boolean;
}

export type ShowView = ImagesView | ConfusionView | PerClassView | FiltersView | ActivationsView | TableView | LinechartView;

/** The pixel bytes a view carries (what the byte caps count). */
export function viewBytes(view: ShowView): number {
  switch (view.kind) {
    case 'images':
    case 'filters':
      return view.images.pixels.byteLength;
    case 'confusion':
      return view.cells?.images.pixels.byteLength ?? 0;
    case 'activations':
      return view.input.pixels.byteLength + view.layers.reduce((n, l) => n + l.maps.pixels.byteLength, 0);
    default:
      return 0;
  }
}

/** How many things a view shows (images, classes, filters, layers or rows), for the checks' `shown` list. */
export function viewCount(view: ShowView): number {
  switch (view.kind) {
    case 'images':
    case 'filters':
      return view.images.count;
    case 'confusion':
    case 'per-class':
      return view.classNames.length;
    case 'activations':
      return view.layers.length;
    case 'table':
      return view.rows.length;
    case 'linechart':
      return view.series.reduce((n, s) => n + s.points.length, 0);
  }
}

/** `show.linechart`'s data, checked and capped: `{ values: [[{ x, y }, …], …], series: ['name', …] }`. */
export function linechartView(
  data: unknown,
  options: { name?: string; xLabel?: unknown; yLabel?: unknown; xLog?: unknown },
): LinechartView {
  const fn = 'show.linechart';
  const d = data as { values?: unknown; series?: unknown } | null;
  const values = Array.isArray(d?.values) && d.values.every((v) => Array.isArray(v)) ? (d.values as unknown[][]) : Array.isArray(d?.values) ? [d.values as unknown[]] : undefined;
  if (!values) throw new TypeError(`${fn}: give { values: [[{ x, y }, …], …], series: ['name', …] } (one list of points per line)`);
  const notices: string[] = [];
  const kept = values.slice(0, SHOW_LIMITS.series);
  if (values.length > kept.length) notices.push(cutNotice(kept.length, values.length, ['line', 'lines']));
  const names = Array.isArray(d?.series) ? (d.series as unknown[]) : [];
  let cut = 0;
  const series = kept.map((points, i) => {
    const good = points.filter((p): p is { x: number; y: number } => {
      const q = p as { x?: unknown; y?: unknown } | null;
      return typeof q?.x === 'number' && typeof q.y === 'number' && Number.isFinite(q.x) && Number.isFinite(q.y);
    });
    if (good.length < points.length) throw new TypeError(`${fn}: line ${i + 1} has a point that is not { x: number, y: number } with finite numbers`);
    if (good.length > SHOW_LIMITS.points) cut++;
    return { name: typeof names[i] === 'string' && names[i] ? clip(names[i] as string, SHOW_LIMITS.nameChars) : `line ${i + 1}`, points: good.slice(0, SHOW_LIMITS.points).map(({ x, y }) => ({ x, y })) };
  });
  if (cut) notices.push(`Each line keeps its first ${SHOW_LIMITS.points} points (the most one view shows).`);
  const xLog = options.xLog === true;
  if (xLog && series.some((s) => s.points.some((p) => p.x <= 0))) throw new Error(`${fn}: xLog needs every x above 0`);
  const label = (value: unknown, what: string): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new TypeError(`${fn}: ${what} must be a text`);
    return clip(value, SHOW_LIMITS.nameChars);
  };
  const xLabel = label(options.xLabel, 'xLabel');
  const yLabel = label(options.yLabel, 'yLabel');
  return { kind: 'linechart', ...(options.name ? { name: options.name } : {}), series, ...(xLabel ? { xLabel } : {}), ...(yLabel ? { yLabel } : {}), xLog, notices };
}

// ------------------------------------------------------------------ building blocks

/** A float in [0, 1] as a byte (the inverse of the shipped data's `byte / 255`). */
export function unitToByte(value: number): number {
  if (!(value > 0)) return 0; // NaN and negatives
  if (value >= 1) return 255;
  return Math.round(value * 255);
}

/** Texts cut to `max` characters, with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A cell of `show.table`: numbers to 4 significant digits, the rest as text, cut. */
export function cellText(value: unknown): string {
  let text: string;
  if (typeof value === 'number') text = Number.isInteger(value) ? String(value) : Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
  else if (typeof value === 'string') text = value;
  else if (value === null || value === undefined) text = '';
  else if (typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return clip(text, SHOW_LIMITS.cellChars);
}

/** A view's name from the options: a non-empty text, cut; anything else is an error for the learner. */
export function viewName(fn: string, name: unknown): string | undefined {
  if (name === undefined) return undefined;
  if (typeof name !== 'string') throw new TypeError(`${fn}: name must be a text, got ${typeof name}`);
  const trimmed = name.trim();
  return trimmed ? clip(trimmed, SHOW_LIMITS.nameChars) : undefined;
}

/** Class names for `count` classes: the given ones (cut), else "class 0", "class 1", … */
export function namesFor(count: number, given?: readonly unknown[]): string[] {
  return Array.from({ length: count }, (_, i) => {
    const name = given?.[i];
    return typeof name === 'string' && name ? clip(name, SHOW_LIMITS.nameChars) : `class ${i}`;
  });
}

/** How many images of `perImage` bytes fit the byte cap, at most `wanted`. */
export function imagesWithinBytes(wanted: number, perImage: number, budget: number = SHOW_LIMITS.bytes): number {
  if (perImage <= 0) return wanted;
  return Math.max(0, Math.min(wanted, Math.floor(budget / perImage)));
}

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The notice for a cut list: "Showing 100 of 2,500 images (the most one view shows)." */
export function cutNotice(shown: number, total: number, what: [string, string], why = 'the most one view shows'): string {
  return `Showing ${shown.toLocaleString('en-US')} of ${plural(total, what[0], what[1])} (${why}).`;
}

/**
 * `show.table`'s rows as text: objects (columns are their keys, in first-seen order) or arrays
 * (columns from `headers`, else "1", "2", …). Capped in rows, columns and characters.
 */
export function tableView(rows: unknown, headers: readonly unknown[] | undefined, name: string | undefined): TableView {
  if (!Array.isArray(rows)) throw new TypeError(`show.table: rows must be a list of objects or of lists, got ${rows === null ? 'null' : typeof rows}`);
  const notices: string[] = [];
  const kept = rows.slice(0, SHOW_LIMITS.rows);
  if (rows.length > kept.length) notices.push(cutNotice(kept.length, rows.length, ['row', 'rows']));
  let columns: string[];
  let cells: string[][];
  const allArrays = kept.every((row) => Array.isArray(row));
  if (allArrays) {
    const width = Math.max(headers?.length ?? 0, ...kept.map((row) => (row as unknown[]).length), 0);
    columns = Array.from({ length: width }, (_, i) => (headers?.[i] !== undefined ? cellText(headers[i]) : String(i + 1)));
    cells = kept.map((row) => columns.map((_, i) => cellText((row as unknown[])[i])));
  } else {
    const keys: string[] = [];
    for (const row of kept) {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        throw new TypeError('show.table: give every row as an object ({ name: value, … }) or every row as a list, not a mix');
      }
      // Past the column cap (and a margin to count them by) more keys only cost time.
      for (const key of Object.keys(row).slice(0, 1000)) if (!keys.includes(key) && keys.length < 1000) keys.push(key);
    }
    columns = keys.map((key) => cellText(key));
    cells = kept.map((row) => keys.map((key) => cellText((row as Record<string, unknown>)[key])));
  }
  if (columns.length > SHOW_LIMITS.columns) {
    notices.push(cutNotice(SHOW_LIMITS.columns, columns.length, ['column', 'columns']));
    columns = columns.slice(0, SHOW_LIMITS.columns);
    cells = cells.map((row) => row.slice(0, SHOW_LIMITS.columns));
  }
  return { kind: 'table', ...(name ? { name } : {}), columns, rows: cells, total: rows.length, notices };
}

/** `show.perClass` from an evaluation's `perClass` (and `confusion`, for the counts). */
export function perClassView(
  perClass: readonly unknown[],
  confusion: readonly (readonly number[])[] | undefined,
  classNames: readonly unknown[] | undefined,
  name: string | undefined,
): PerClassView {
  const notices: string[] = [];
  const count = Math.min(perClass.length, SHOW_LIMITS.classes);
  if (perClass.length > count) notices.push(cutNotice(count, perClass.length, ['class', 'classes']));
  const accuracy = perClass.slice(0, count).map((value) => (typeof value === 'number' && Number.isFinite(value) ? value : null));
  const counts = confusion?.slice(0, count).map((row) => (Array.isArray(row) ? row.reduce((a: number, b) => a + (Number(b) || 0), 0) : 0));
  return { kind: 'per-class', ...(name ? { name } : {}), classNames: namesFor(count, classNames), accuracy, ...(counts ? { counts } : {}), notices };
}

/**
 * `show.confusion`'s matrix, with the images behind each cell when `images` (one per
 * evaluated example, in order) and the per-example truth and prediction are given.
 * Keeps the first SHOW_LIMITS.imagesPerCell of each cell, within the view's caps.
 */
export function confusionView(
  matrix: readonly (readonly number[])[],
  classNames: readonly unknown[] | undefined,
  name: string | undefined,
  examples?: { truth: readonly number[]; predicted: readonly number[]; imageAt: (index: number) => Uint8Array; width: number; height: number; channels: 1 | 3 },
): ConfusionView {
  const notices: string[] = [];
  const size = Math.min(matrix.length, SHOW_LIMITS.classes);
  if (matrix.length > size) notices.push(cutNotice(size, matrix.length, ['class', 'classes']));
  const rows = matrix.slice(0, size).map((row) => Array.from({ length: size }, (_, p) => Math.max(0, Math.round(Number(row?.[p]) || 0))));
  const view: ConfusionView = { kind: 'confusion', ...(name ? { name } : {}), classNames: namesFor(size, classNames), matrix: rows, notices };
  if (!examples) return view;
  const perImage = examples.width * examples.height * examples.channels;
  const budget = imagesWithinBytes(SHOW_LIMITS.confusionImages, perImage);
  const inCell = new Map<number, number>();
  const chosen: number[] = [];
  let skipped = 0;
  for (let i = 0; i < examples.truth.length; i++) {
    const t = examples.truth[i]!;
    const p = examples.predicted[i]!;
    if (!(t >= 0 && t < size && p >= 0 && p < size)) continue;
    const key = t * size + p;
    const have = inCell.get(key) ?? 0;
    if (have >= SHOW_LIMITS.imagesPerCell || chosen.length >= budget) {
      skipped++;
      continue;
    }
    inCell.set(key, have + 1);
    chosen.push(i);
  }
  if (skipped > 0) {
    notices.push(
      `The cells keep their first ${SHOW_LIMITS.imagesPerCell} images each (${plural(chosen.length, 'image', 'images')} of ${examples.truth.length.toLocaleString('en-US')} in all): a cell with more says how many it holds.`,
    );
  }
  const pixels = new Uint8Array(chosen.length * perImage);
  chosen.forEach((index, n) => pixels.set(examples.imageAt(index).subarray(0, perImage), n * perImage));
  view.cells = {
    images: { width: examples.width, height: examples.height, channels: examples.channels, count: chosen.length, pixels },
    truth: chosen.map((i) => examples.truth[i]!),
    predicted: chosen.map((i) => examples.predicted[i]!),
  };
  return view;
}

/** Scales floats to bytes: each run of `size` values to its own [min, max] (flat maps are mid-grey). */
export function mapsToBytes(values: ArrayLike<number>, size: number, count: number): Uint8Array {
  const out = new Uint8Array(size * count);
  for (let m = 0; m < count; m++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < size; i++) {
      const v = values[m * size + i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const span = hi - lo;
    for (let i = 0; i < size; i++) {
      const v = values[m * size + i]!;
      out[m * size + i] = Number.isFinite(span) && span > 0 ? Math.round(((v - lo) / span) * 255) : 128;
    }
  }
  return out;
}

/** Scales weights to bytes symmetrically: 0 -> 128, ±scale -> 255 / 0. */
export function weightsToBytes(values: ArrayLike<number>, scale: number): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = scale > 0 ? values[i]! / scale : 0;
    out[i] = Math.max(0, Math.min(255, Math.round(128 + v * 127)));
  }
  return out;
}
