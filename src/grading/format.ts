/**
 * Turns any value into a short text a learner can read in a check result:
 * numbers rounded, shapes as `[null, 5]`, tensors by dtype and shape, long
 * lists and texts cut. Never throws: a learner object whose getters explode
 * still gets a description.
 *
 * Display only — nothing here decides whether a check passes.
 */
import {
  includesText,
  isArray,
  isPlainObject,
  isTypedArray,
  ownKeys,
  prototypeOf,
  quote,
  regexToText,
  replaceText,
  sliceText,
  symbolText,
  tagOf,
  toExponential,
  toFixed,
  toPrecision,
} from './intrinsics.ts';
import { tensorKind } from './tensor-like.ts';

/** Items shown from an array before "… N more". */
const MAX_ITEMS = 10;
/** Keys shown from an object before "…". */
const MAX_KEYS = 6;
/** Characters shown from a text before it is cut. */
const MAX_TEXT = 80;
/** Nesting shown before an inner list or object becomes "[…]" / "{…}". */
const MAX_DEPTH = 3;

export function formatValue(value: unknown): string {
  try {
    return describe(value, 0);
  } catch {
    return '(a value that cannot be displayed)';
  }
}

/** Numbers: integers as they are, others to about 4 significant digits. */
export function formatNumber(n: number): string {
  if (n !== n) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n % 1 === 0 && n < 1e21 && n > -1e21) return `${n}`;
  const size = n < 0 ? -n : n;
  let text: string;
  if (size >= 1e6 || size < 1e-4) text = stripExponent(toExponential(n, 3));
  else if (size >= 1) text = stripZeros(toFixed(n, 3));
  else text = stripZeros(toPrecision(n, 4));
  // 1.00004 rounded to "1" would read as an integer it is not: show more digits.
  if (!includesText(text, '.') && !includesText(text, 'e')) text = stripZeros(toPrecision(n, 8));
  if (!includesText(text, '.') && !includesText(text, 'e')) text = `${n}`;
  return text;
}

function stripZeros(text: string): string {
  if (!includesText(text, '.') || includesText(text, 'e')) return text;
  return replaceText(text, /\.?0+$/, '');
}

function stripExponent(text: string): string {
  return replaceText(text, /\.?0+e/, 'e');
}

function describe(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return formatNumber(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      return value.length > MAX_TEXT ? `${quote(sliceText(value, 0, MAX_TEXT))}… (${value.length} characters)` : quote(value);
    case 'symbol':
      return symbolText(value);
    case 'function':
      return describeFunction(value);
    default:
      return value === null ? 'null' : describeObject(value as object, depth);
  }
}

function describeFunction(fn: unknown): string {
  const name = safeRead(fn as object, 'name');
  return typeof name === 'string' && name !== '' ? `function ${name}` : 'a function';
}

function describeObject(value: object, depth: number): string {
  const tensor = describeTensor(value);
  if (tensor !== undefined) return tensor;
  if (isArray(value)) return describeList('', value, depth);
  if (isTypedArray(value)) return describeList(`${tagName(value)} `, value, depth);
  const tag = tagOf(value);
  if (tag === '[object RegExp]') return regexToText(value as RegExp);
  if (tag === '[object Error]') return describeError(value);
  if (tag === '[object Map]' || tag === '[object Set]') {
    const size = safeRead(value, 'size');
    return typeof size === 'number' ? `${tagName(value)} (${size} entries)` : tagName(value);
  }
  if (tag === '[object Promise]') return 'a Promise (did you forget `await`?)';
  if (isPlainObject(value)) return describeFields('', value, depth);
  const className = constructorName(value);
  const name = safeRead(value, 'name');
  if (typeof name === 'string') return `${className} ${quote(name)}`;
  return describeFields(`${className} `, value, depth);
}

function describeTensor(value: object): string | undefined {
  const kind = tensorKind(value);
  if (kind === undefined) return undefined;
  const shapeText = describeList('', safeRead(value, 'shape') as unknown[], MAX_DEPTH - 1);
  const dtype = safeRead(value, 'dtype');
  if (kind === 'symbolic') return `SymbolicTensor ${dtype} ${shapeText}`;
  const disposed = safeRead(value, 'isDisposedInternal') === true ? ' (disposed)' : '';
  return `Tensor ${dtype} ${shapeText}${disposed}`;
}

function describeList(prefix: string, list: ArrayLike<unknown>, depth: number): string {
  const length = list.length;
  if (length === 0) return `${prefix}[]`;
  if (depth >= MAX_DEPTH) return `${prefix}[… ${length} items]`;
  let text = '';
  const shown = length < MAX_ITEMS ? length : MAX_ITEMS;
  for (let i = 0; i < shown; i++) {
    text += (i === 0 ? '' : ', ') + describe(list[i], depth + 1);
  }
  if (length > shown) text += `, … ${length - shown} more`;
  return `${prefix}[${text}]`;
}

function describeFields(prefix: string, value: object, depth: number): string {
  const keys = ownKeys(value);
  if (keys.length === 0) return `${prefix}{}`;
  if (depth >= MAX_DEPTH) return `${prefix}{…}`;
  let text = '';
  const shown = keys.length < MAX_KEYS ? keys.length : MAX_KEYS;
  for (let i = 0; i < shown; i++) {
    const key = keys[i] as string;
    text += `${i === 0 ? '' : ', '}${key}: ${describe(safeRead(value, key), depth + 1)}`;
  }
  if (keys.length > shown) text += ', …';
  return `${prefix}{ ${text} }`;
}

function describeError(value: object): string {
  const name = safeRead(value, 'name');
  const message = safeRead(value, 'message');
  return `${typeof name === 'string' ? name : 'Error'}: ${typeof message === 'string' ? message : ''}`;
}

/** "[object Float32Array]" -> "Float32Array". */
function tagName(value: object): string {
  return sliceText(tagOf(value), 8, -1);
}

function constructorName(value: object): string {
  const proto = prototypeOf(value);
  const ctor = proto === null ? undefined : safeRead(proto, 'constructor');
  const name = typeof ctor === 'function' ? safeRead(ctor, 'name') : undefined;
  return typeof name === 'string' && name !== '' ? name : 'object';
}

/** Reads a property of a learner object; a throwing getter reads as undefined. */
function safeRead(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}
