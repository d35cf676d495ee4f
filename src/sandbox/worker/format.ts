/**
 * Turns the values a learner passes to `console.log` into text.
 *
 * Why not `String(value)` or `JSON.stringify`: a tensor prints as
 * "Tensor [object Object]" or dumps 47 million numbers, a model is a cycle
 * JSON refuses, and a learner's object may hold getters that throw. Every
 * branch here is bounded (depth, items, characters), so formatting never
 * costs more than a few thousand characters whatever the value.
 *
 * The layout is the console's (values shown, longer lists); the number rule
 * and the tensor test are grading's (src/grading/format.ts, tensor-like.ts),
 * so a number reads the same in the output and in a check's message.
 */
import { formatNumber as formatFiniteNumber } from '../../grading/format.ts';
import { tensorKind } from '../../grading/tensor-like.ts';

export interface FormatLimits {
  /** Nesting shown before an object becomes `[Object]`. */
  depth: number;
  /** Items shown per array, map, set or object. */
  items: number;
  /** Values shown per tensor axis. */
  tensorItems: number;
  /** Tensors larger than this are described, not read (reading a huge webgl tensor stalls the GPU). */
  tensorReadLimit: number;
  /** Characters of a string shown inside a structure. */
  stringChars: number;
}

export const DEFAULT_LIMITS: FormatLimits = {
  depth: 3,
  items: 50,
  tensorItems: 6,
  tensorReadLimit: 1_000_000,
  stringChars: 500,
};

/** What a tfjs Tensor offers once `tensorKind` has recognised it (format.ts must not import tfjs). */
interface TensorLike {
  shape: number[];
  dtype: string;
  size: number;
  isDisposed: boolean;
  dataSync(): ArrayLike<number | string | Uint8Array>;
}

interface ModelLike {
  name: string;
  layers: unknown[];
  predict: unknown;
}

interface LayerLike {
  name: string;
  getConfig: unknown;
  apply: unknown;
  outputShape?: unknown;
}

/** A concrete tf.Tensor (grading's one tensor test), with the methods formatting reads. */
export function isTensorLike(value: unknown): value is TensorLike {
  return tensorKind(value) === 'tensor' && typeof (value as Partial<TensorLike>).dataSync === 'function';
}

function isModelLike(value: object): value is ModelLike {
  const v = value as Partial<ModelLike>;
  return Array.isArray(v.layers) && typeof v.predict === 'function' && typeof v.name === 'string';
}

function isLayerLike(value: object): value is LayerLike {
  const v = value as Partial<LayerLike>;
  return typeof v.getConfig === 'function' && typeof v.apply === 'function' && typeof v.name === 'string';
}

/** Formats one value the way `console.log(value)` shows it. Strings come back as they are. */
export function formatValue(value: unknown, limits: FormatLimits = DEFAULT_LIMITS): string {
  if (typeof value === 'string') return value;
  return formatNested(value, limits, 0, new Set());
}

/**
 * Formats the arguments of one console call into one text, like a browser
 * does: printf-style directives in a leading string (%s %d %i %f %o %O %j %c %%),
 * the rest joined by spaces.
 */
export function formatLogArgs(args: readonly unknown[], limits: FormatLimits = DEFAULT_LIMITS): string {
  if (args.length === 0) return '';
  const parts: string[] = [];
  let rest = 0;
  const first = args[0];
  if (typeof first === 'string' && first.includes('%')) {
    let next = 1;
    const text = first.replace(/%([sdifoOjc%])/g, (directive, kind: string) => {
      if (kind === '%') return '%';
      if (next >= args.length) return directive;
      const arg = args[next++];
      switch (kind) {
        case 's':
          return typeof arg === 'string' ? arg : formatValue(arg, limits);
        case 'd':
        case 'i':
          return formatInteger(arg, kind);
        case 'f':
          return String(Number(arg));
        case 'c':
          return ''; // CSS styling has no meaning in a text console
        default:
          return formatNested(arg, limits, 0, new Set());
      }
    });
    parts.push(text);
    rest = next;
  } else {
    parts.push(formatValue(first, limits));
    rest = 1;
  }
  for (let i = rest; i < args.length; i++) parts.push(formatValue(args[i], limits));
  return parts.join(' ');
}

function formatInteger(arg: unknown, kind: string): string {
  if (typeof arg === 'bigint') return `${arg}n`;
  const n = Number(arg);
  return kind === 'i' || kind === 'd' ? String(Number.isFinite(n) ? Math.trunc(n) : n) : String(n);
}

function formatNested(value: unknown, limits: FormatLimits, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return depth === 0 ? value : quote(value, limits.stringChars);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return formatFunction(value);
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (seen.has(obj)) return '[Circular]';
  try {
    seen.add(obj);
    return formatObject(obj, limits, depth, seen);
  } catch {
    // A hostile Proxy or getter: say so rather than fail the learner's console.log.
    return '[object that could not be read]';
  } finally {
    seen.delete(obj);
  }
}

function formatFunction(fn: Function): string {
  let source = '';
  try {
    source = Function.prototype.toString.call(fn);
  } catch {
    /* a revoked proxy: describe it by name only */
  }
  const name = fn.name ? ` ${fn.name}` : ' (anonymous)';
  return source.startsWith('class') ? `[class${name}]` : `[Function${name}]`;
}

function quote(text: string, maxChars: number): string {
  const shown = text.length > maxChars ? `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)` : text;
  return `'${shown.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function formatObject(obj: object, limits: FormatLimits, depth: number, seen: Set<object>): string {
  if (isTensorLike(obj)) return formatTensor(obj, limits);
  if (tensorKind(obj) === 'symbolic') {
    const { dtype, shape } = obj as { dtype: string; shape: readonly (number | null)[] };
    return `SymbolicTensor ${dtype} [${shape.map((d) => (d === null ? 'null' : String(d))).join(',')}]`;
  }
  if (isModelLike(obj)) return `${constructorName(obj) ?? 'LayersModel'} "${obj.name}" (${obj.layers.length} layers)`;
  if (isLayerLike(obj)) return formatLayer(obj);
  if (obj instanceof Error) return formatError(obj);
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (obj instanceof RegExp) return String(obj);
  if (obj instanceof Promise) return 'Promise { … }';
  if (obj instanceof WeakMap || obj instanceof WeakSet) return `${obj.constructor.name} { <items unknown> }`;
  if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) return formatTypedArray(obj, limits);

  const nested = (v: unknown): string => formatNested(v, limits, depth + 1, seen);
  if (Array.isArray(obj)) {
    if (depth >= limits.depth) return `[Array(${obj.length})]`;
    const shown = obj.slice(0, limits.items).map(nested);
    if (obj.length > limits.items) shown.push(`... ${obj.length - limits.items} more items`);
    return `[${shown.join(', ')}]`;
  }
  if (obj instanceof Map) {
    if (depth >= limits.depth) return `[Map(${obj.size})]`;
    const shown: string[] = [];
    for (const [k, v] of obj) {
      if (shown.length >= limits.items) {
        shown.push(`... ${obj.size - limits.items} more items`);
        break;
      }
      shown.push(`${nested(k)} => ${nested(v)}`);
    }
    return `Map(${obj.size}) {${shown.length ? ` ${shown.join(', ')} ` : ''}}`;
  }
  if (obj instanceof Set) {
    if (depth >= limits.depth) return `[Set(${obj.size})]`;
    const shown: string[] = [];
    for (const v of obj) {
      if (shown.length >= limits.items) {
        shown.push(`... ${obj.size - limits.items} more items`);
        break;
      }
      shown.push(nested(v));
    }
    return `Set(${obj.size}) {${shown.length ? ` ${shown.join(', ')} ` : ''}}`;
  }
  return formatPlainObject(obj, limits, depth, nested);
}

function formatPlainObject(
  obj: object,
  limits: FormatLimits,
  depth: number,
  nested: (v: unknown) => string,
): string {
  const name = constructorName(obj);
  const prefix = name === undefined ? '[Object: null prototype] ' : name === 'Object' ? '' : `${name} `;
  if (depth >= limits.depth) return `[${name ?? 'Object'}]`;
  const keys = Object.keys(obj);
  const shown: string[] = [];
  for (const key of keys.slice(0, limits.items)) {
    let text: string;
    try {
      text = nested((obj as Record<string, unknown>)[key]);
    } catch {
      text = '[Getter threw]';
    }
    shown.push(`${formatKey(key)}: ${text}`);
  }
  if (keys.length > limits.items) shown.push(`... ${keys.length - limits.items} more keys`);
  return `${prefix}{${shown.length ? ` ${shown.join(', ')} ` : ''}}`;
}

function formatKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key, 100);
}

function constructorName(obj: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto === null) return undefined;
  const ctor = (proto as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name ? ctor.name : 'Object';
}

export function formatError(error: Error): string {
  const name = typeof error.name === 'string' && error.name ? error.name : 'Error';
  const message = typeof error.message === 'string' ? error.message : '';
  return message ? `${name}: ${message}` : name;
}

function formatLayer(layer: LayerLike): string {
  const kind = constructorName(layer) ?? 'Layer';
  let shape = '';
  try {
    if (layer.outputShape !== undefined) shape = ` output ${JSON.stringify(layer.outputShape)}`;
  } catch {
    // A layer that was never connected throws on `outputShape`: show it without.
  }
  return `${kind} "${layer.name}"${shape}`;
}

function formatTypedArray(view: ArrayBufferView, limits: FormatLimits): string {
  const items = view as unknown as ArrayLike<number | bigint>;
  const n = items.length;
  const shown: string[] = [];
  for (let i = 0; i < Math.min(n, limits.items); i++) shown.push(formatNumber(items[i]));
  if (n > limits.items) shown.push(`... ${n - limits.items} more items`);
  return `${view.constructor.name}(${n}) [${shown.join(', ')}]`;
}

/**
 * "Tensor float32 [2,3] [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]": dtype and shape
 * first (what learners debug most), then at most `tensorItems` values per axis.
 */
export function formatTensor(tensor: TensorLike, limits: FormatLimits = DEFAULT_LIMITS): string {
  const head = `Tensor ${tensor.dtype} [${tensor.shape.join(',')}]`;
  if (tensor.isDisposed) return `${head} (disposed)`;
  if (tensor.size > limits.tensorReadLimit) return `${head} (${tensor.size.toLocaleString('en-US')} values)`;
  let data: ArrayLike<unknown>;
  try {
    data = tensor.dataSync();
  } catch (error) {
    return `${head} (values unreadable: ${error instanceof Error ? error.message : String(error)})`;
  }
  const strides = stridesOf(tensor.shape);
  const render = (axis: number, offset: number): string => {
    if (axis === tensor.shape.length) return formatTensorValue(data[offset], tensor.dtype);
    const size = tensor.shape[axis] ?? 0;
    const parts: string[] = [];
    for (let i = 0; i < Math.min(size, limits.tensorItems); i++) parts.push(render(axis + 1, offset + i * (strides[axis] ?? 0)));
    if (size > limits.tensorItems) parts.push('...');
    return `[${parts.join(', ')}]`;
  };
  return `${head} ${render(0, 0)}`;
}

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = (strides[i + 1] ?? 1) * (shape[i + 1] ?? 1);
  return strides;
}

function formatTensorValue(value: unknown, dtype: string): string {
  if (dtype === 'string') {
    const text = value instanceof Uint8Array ? new TextDecoder().decode(value) : String(value);
    return quote(text, 100);
  }
  if (dtype === 'bool') return value ? 'true' : 'false';
  return formatNumber(value as number);
}

/** The course's one number rule (grading's): integers as they are, others to about 4 significant digits. */
export function formatNumber(value: number | bigint | unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'number') return String(value);
  return formatFiniteNumber(value);
}

/**
 * `console.table` as text: one header row, one row per entry, columns padded.
 * Falls back to `formatValue` for anything that is not a collection.
 */
export function formatTable(data: unknown, columns?: readonly string[], limits: FormatLimits = DEFAULT_LIMITS): string {
  if (typeof data !== 'object' || data === null) return formatValue(data, limits);
  const entries: [string, unknown][] = Array.isArray(data)
    ? data.slice(0, limits.items).map((v, i): [string, unknown] => [String(i), v])
    : Object.keys(data).slice(0, limits.items).map((k): [string, unknown] => [k, (data as Record<string, unknown>)[k]]);
  const cell = (v: unknown): string => formatNested(v, { ...limits, depth: 1 }, 1, new Set());
  const cols: string[] = columns ? [...columns] : [];
  let hasValues = false;
  if (!columns) {
    for (const [, row] of entries) {
      if (typeof row === 'object' && row !== null && !isTensorLike(row)) {
        for (const key of Object.keys(row)) if (!cols.includes(key)) cols.push(key);
      } else hasValues = true;
    }
  }
  const header = ['(index)', ...cols, ...(hasValues ? ['Values'] : [])];
  const rows = entries.map(([index, row]) => {
    const isRow = typeof row === 'object' && row !== null && !isTensorLike(row);
    const cells = cols.map((c) => (isRow && c in row ? cell((row as Record<string, unknown>)[c]) : ''));
    return [index, ...cells, ...(hasValues ? [isRow ? '' : cell(row)] : [])];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' │ ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}
