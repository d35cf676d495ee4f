/**
 * Makes public/data/sample-drawings.json: 20 hand-drawn-looking examples of
 * five simple shapes (circle, square, triangle, cross, heart) at 28x28, for
 * learners who would rather not draw (or cannot use a pointer) and for the
 * course tools that check the "your own data" exercise. Seeded, so the file
 * is reproducible: `node scripts/data/sample-drawings.ts`.
 */
import { writeFileSync } from 'node:fs';
import { DRAWING_SIZE, drawingSetToJson, type DrawingSet } from '../../src/drawing/drawing-set.ts';

const CLASSES = ['circle', 'square', 'triangle', 'cross', 'heart'];
const PER_CLASS = 20;

/** mulberry32: a tiny seeded generator, so the sample never changes between runs. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Point = [number, number];

function outline(shape: string, rand: () => number): Point[] {
  const wobble = () => (rand() - 0.5) * 0.08;
  const points: Point[] = [];
  const steps = 48;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const a = t * Math.PI * 2;
    let p: Point;
    switch (shape) {
      case 'circle':
        p = [Math.cos(a), Math.sin(a)];
        break;
      case 'square': {
        const side = Math.floor(t * 4) % 4;
        const u = (t * 4) % 1;
        p = ([[-1 + 2 * u, -1], [1, -1 + 2 * u], [1 - 2 * u, 1], [-1, 1 - 2 * u]] as Point[])[side]!;
        break;
      }
      case 'triangle': {
        const corners: Point[] = [[0, -1], [0.95, 0.8], [-0.95, 0.8]];
        const side = Math.min(2, Math.floor(t * 3));
        const u = t * 3 - side;
        const from = corners[side]!;
        const to = corners[(side + 1) % 3]!;
        p = [from[0] + (to[0] - from[0]) * u, from[1] + (to[1] - from[1]) * u];
        break;
      }
      case 'heart': {
        const x = 16 * Math.sin(a) ** 3;
        const y = -(13 * Math.cos(a) - 5 * Math.cos(2 * a) - 2 * Math.cos(3 * a) - Math.cos(4 * a));
        p = [x / 17, y / 17 + 0.1];
        break;
      }
      default:
        throw new Error(shape);
    }
    points.push([p[0] + wobble(), p[1] + wobble()]);
  }
  return points;
}

function strokes(shape: string, rand: () => number): Point[][] {
  if (shape === 'cross') {
    const j = () => (rand() - 0.5) * 0.2;
    return [
      [[-1 + j(), -1 + j()], [1 + j(), 1 + j()]],
      [[1 + j(), -1 + j()], [-1 + j(), 1 + j()]],
    ];
  }
  return [outline(shape, rand)];
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dx * dx + dy * dy || 1e-9;
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function draw(shape: string, rand: () => number): Uint8Array {
  const scale = 8 + rand() * 3; // half-size in pixels
  const [cx, cy] = [14 + (rand() - 0.5) * 4, 14 + (rand() - 0.5) * 4];
  const angle = (rand() - 0.5) * 0.5;
  const width = 1.0 + rand() * 0.6;
  const lines = strokes(shape, rand).map((line) =>
    line.map(([x, y]): Point => [cx + scale * (x * Math.cos(angle) - y * Math.sin(angle)), cy + scale * (x * Math.sin(angle) + y * Math.cos(angle))]),
  );
  const pixels = new Uint8Array(DRAWING_SIZE * DRAWING_SIZE);
  for (let y = 0; y < DRAWING_SIZE; y++) {
    for (let x = 0; x < DRAWING_SIZE; x++) {
      let d = Infinity;
      for (const line of lines) for (let i = 1; i < line.length; i++) d = Math.min(d, distanceToSegment([x + 0.5, y + 0.5], line[i - 1]!, line[i]!));
      pixels[y * DRAWING_SIZE + x] = Math.round(255 * Math.max(0, Math.min(1, width - d + 0.5)));
    }
  }
  return pixels;
}

const rand = random(2026);
const set: DrawingSet = { version: 1, classes: CLASSES, examples: [] };
for (let i = 0; i < PER_CLASS; i++) {
  CLASSES.forEach((shape, label) => set.examples.push({ label, pixels: draw(shape, rand) }));
}
writeFileSync('public/data/sample-drawings.json', JSON.stringify(drawingSetToJson(set)));
console.log(`Wrote public/data/sample-drawings.json: ${set.examples.length} drawings of ${CLASSES.join(', ')}.`);
