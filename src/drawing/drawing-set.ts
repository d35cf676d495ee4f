/**
 * A learner's own little data set, drawn on the page: 28x28 grayscale
 * images like Fashion-MNIST's (0 = background, 255 = ink), each with one of
 * up to five class labels. Shared by the drawing pad (page), `lab` (worker)
 * and the scripts that make the sample set.
 */
export const DRAWING_SIZE = 28;
export const DRAWING_PIXELS = DRAWING_SIZE * DRAWING_SIZE;
export const DRAWING_CLASSES = 5;
export const DRAWING_FORMAT_VERSION = 1;

export interface DrawingExample {
  /** Index into `classes`. */
  label: number;
  /** DRAWING_PIXELS values, 0..255, row by row. */
  pixels: Uint8Array;
}

export interface DrawingSet {
  version: typeof DRAWING_FORMAT_VERSION;
  classes: string[];
  examples: DrawingExample[];
}

export function emptyDrawingSet(classes: string[]): DrawingSet {
  return { version: DRAWING_FORMAT_VERSION, classes: [...classes], examples: [] };
}

/** Checks a value read back from storage or a file; returns null when it is not a drawing set. */
export function asDrawingSet(value: unknown): DrawingSet | null {
  if (typeof value !== 'object' || value === null) return null;
  const set = value as Partial<DrawingSet>;
  if (set.version !== DRAWING_FORMAT_VERSION || !Array.isArray(set.classes) || !Array.isArray(set.examples)) return null;
  if (set.classes.length !== DRAWING_CLASSES || !set.classes.every((name) => typeof name === 'string')) return null;
  const examples: DrawingExample[] = [];
  for (const example of set.examples) {
    const label = (example as DrawingExample | undefined)?.label;
    const pixels = (example as DrawingExample | undefined)?.pixels;
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label >= DRAWING_CLASSES) return null;
    if (!(pixels instanceof Uint8Array) || pixels.length !== DRAWING_PIXELS) return null;
    examples.push({ label, pixels });
  }
  return { version: DRAWING_FORMAT_VERSION, classes: set.classes, examples };
}

export function countPerClass(set: DrawingSet): number[] {
  const counts = new Array<number>(set.classes.length).fill(0);
  for (const example of set.examples) counts[example.label]! += 1;
  return counts;
}

/** JSON form (pixels as base64), for the shipped sample set. */
export interface DrawingSetJson {
  version: typeof DRAWING_FORMAT_VERSION;
  classes: string[];
  examples: { label: number; pixels: string }[];
}

export function drawingSetFromJson(json: DrawingSetJson): DrawingSet | null {
  try {
    return asDrawingSet({
      ...json,
      examples: json.examples.map((example) => ({ label: example.label, pixels: fromBase64(example.pixels) })),
    });
  } catch {
    return null;
  }
}

export function drawingSetToJson(set: DrawingSet): DrawingSetJson {
  return { ...set, examples: set.examples.map((example) => ({ label: example.label, pixels: toBase64(example.pixels) })) };
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
