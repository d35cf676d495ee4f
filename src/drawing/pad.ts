/**
 * The drawing pad's behaviour: draw on a canvas, save the drawing as a 28x28
 * example of one of five classes, load the sample set, and try the model the
 * exercise saved on a new drawing. A custom element, like the other islands:
 * a framework would cost more than the page it serves.
 */
import { format } from '../i18n/ui.ts';
import type { UiStrings } from '../i18n/ui.ts';
import {
  DRAWING_CLASSES,
  DRAWING_PIXELS,
  DRAWING_SIZE,
  countPerClass,
  drawingSetFromJson,
  emptyDrawingSet,
  type DrawingSet,
  type DrawingSetJson,
} from './drawing-set.ts';
import { loadDrawingSet, saveDrawingSet } from './drawing-store.ts';

type Strings = UiStrings['drawing'];

/** Thumbnails shown per class (the most recent ones); the rest are counted. */
const THUMBNAILS_PER_CLASS = 12;

/** Stroke width on the 280 px canvas: about 2.5 px at 28x28, like Fashion-MNIST's strokes. */
const STROKE = 24;

export class DrawingPad extends HTMLElement {
  #set: DrawingSet = emptyDrawingSet(['', '', '', '', '']);
  #strings!: Strings;
  #canvas!: HTMLCanvasElement;
  #context!: CanvasRenderingContext2D;
  #inked = false;

  async connectedCallback(): Promise<void> {
    this.#strings = JSON.parse(this.dataset.strings ?? '{}') as Strings;
    this.querySelector<HTMLElement>('.pad-body')!.hidden = false;
    this.#canvas = this.querySelector('canvas')!;
    this.#context = this.#canvas.getContext('2d', { willReadFrequently: true })!;
    this.#clearCanvas();
    this.#wireDrawing();
    this.#set = emptyDrawingSet(this.#classInputs().map((input) => input.value));
    try {
      const saved = await loadDrawingSet(this.#name);
      if (saved) this.#set = saved;
    } catch (error) {
      this.#status(format(this.#strings.storageFailed, { reason: (error as Error).message }));
    }
    this.#render();

    this.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest('button');
      if (!button) return;
      if (button.dataset.save !== undefined) void this.#saveAs(Number(button.dataset.save));
      else if (button.dataset.action === 'clear') this.#clearCanvas();
      else if (button.dataset.action === 'sample') void this.#useSample();
      else if (button.dataset.action === 'delete') void this.#deleteAll();
      else if (button.dataset.action === 'try') void this.#tryModel();
    });
    for (const input of this.#classInputs()) {
      input.addEventListener('change', () => {
        this.#set.classes[Number(input.dataset.className)] = input.value.trim() || `class ${Number(input.dataset.className) + 1}`;
        this.#render();
        void this.#persist();
      });
    }
  }

  get #name(): string {
    return this.dataset.set ?? 'my-drawings';
  }

  #classInputs(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[data-class-name]')];
  }

  #wireDrawing(): void {
    let last: { x: number; y: number } | null = null;
    const point = (event: PointerEvent) => {
      const box = this.#canvas.getBoundingClientRect();
      return { x: ((event.clientX - box.left) / box.width) * this.#canvas.width, y: ((event.clientY - box.top) / box.height) * this.#canvas.height };
    };
    this.#canvas.addEventListener('pointerdown', (event) => {
      this.#canvas.setPointerCapture(event.pointerId);
      last = point(event);
      this.#stroke(last, last);
    });
    this.#canvas.addEventListener('pointermove', (event) => {
      if (!last) return;
      const next = point(event);
      this.#stroke(last, next);
      last = next;
    });
    const end = () => (last = null);
    this.#canvas.addEventListener('pointerup', end);
    this.#canvas.addEventListener('pointercancel', end);
  }

  #stroke(from: { x: number; y: number }, to: { x: number; y: number }): void {
    const c = this.#context;
    c.strokeStyle = '#fff';
    c.lineWidth = STROKE;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(from.x, from.y);
    c.lineTo(to.x, to.y);
    c.stroke();
    this.#inked = true;
  }

  #clearCanvas(): void {
    this.#context.fillStyle = '#000';
    this.#context.fillRect(0, 0, this.#canvas.width, this.#canvas.height);
    this.#inked = false;
  }

  /** The canvas as 28x28 pixels, 0 = background, 255 = ink (the model's convention). */
  #pixels(): Uint8Array {
    const small = document.createElement('canvas');
    small.width = small.height = DRAWING_SIZE;
    const c = small.getContext('2d', { willReadFrequently: true })!;
    c.imageSmoothingEnabled = true;
    c.imageSmoothingQuality = 'high';
    c.drawImage(this.#canvas, 0, 0, DRAWING_SIZE, DRAWING_SIZE);
    const rgba = c.getImageData(0, 0, DRAWING_SIZE, DRAWING_SIZE).data;
    const pixels = new Uint8Array(DRAWING_PIXELS);
    for (let i = 0; i < DRAWING_PIXELS; i++) pixels[i] = rgba[i * 4]!;
    return pixels;
  }

  async #saveAs(label: number): Promise<void> {
    if (!this.#inked) return this.#status(this.#strings.emptyCanvas);
    this.#set.examples.push({ label, pixels: this.#pixels() });
    if (await this.#persist()) {
      this.#clearCanvas();
      this.#render();
      this.#status(format(this.#strings.saved, { name: this.#set.classes[label]!, count: countPerClass(this.#set)[label]! }));
    } else {
      this.#set.examples.pop();
    }
  }

  async #useSample(): Promise<void> {
    const response = await fetch(this.dataset.sampleUrl!);
    const sample = response.ok ? drawingSetFromJson((await response.json()) as DrawingSetJson) : null;
    if (!sample) return this.#status(format(this.#strings.storageFailed, { reason: `${this.dataset.sampleUrl} could not be read` }));
    // The sample replaces the class names only when the learner has no drawings of their own yet.
    if (this.#set.examples.length === 0) this.#set.classes = [...sample.classes];
    this.#set.examples.push(...sample.examples.filter((example) => example.label < DRAWING_CLASSES));
    if (await this.#persist()) this.#status(format(this.#strings.sampleLoaded, { count: sample.examples.length }));
    this.#render();
  }

  async #deleteAll(): Promise<void> {
    if (!window.confirm(format(this.#strings.deleteConfirm, { count: this.#set.examples.length }))) return;
    this.#set = emptyDrawingSet(this.#set.classes);
    if (await this.#persist()) this.#status(this.#strings.deleted);
    this.#render();
  }

  async #persist(): Promise<boolean> {
    try {
      await saveDrawingSet(this.#name, this.#set);
      return true;
    } catch (error) {
      this.#status(format(this.#strings.storageFailed, { reason: (error as Error).message }));
      return false;
    }
  }

  async #tryModel(): Promise<void> {
    if (!this.#inked) return this.#status(this.#strings.emptyCanvas);
    this.#status(this.#strings.tryLoading);
    // TensorFlow.js reaches the page only when the learner asks for a prediction.
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    let model: import('@tensorflow/tfjs').LayersModel;
    try {
      model = await tf.loadLayersModel(`indexeddb://${this.dataset.model}`);
    } catch {
      return this.#status(this.#strings.tryNoModel);
    }
    const pixels = this.#pixels();
    const scores = tf.tidy(() => (model.predict(tf.tensor4d(pixels, [1, DRAWING_SIZE, DRAWING_SIZE, 1], 'float32').div(255)) as import('@tensorflow/tfjs').Tensor).dataSync());
    model.dispose();
    let best = 0;
    for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
    this.#status(format(this.#strings.tryResult, { name: this.#set.classes[best] ?? `class ${best + 1}`, percent: Math.round(scores[best]! * 100) }));
  }

  #render(): void {
    const counts = countPerClass(this.#set);
    for (const input of this.#classInputs()) {
      const index = Number(input.dataset.className);
      input.value = this.#set.classes[index] ?? '';
      const save = this.querySelector<HTMLButtonElement>(`button[data-save="${index}"]`)!;
      save.textContent = format(this.#strings.saveAs, { name: this.#set.classes[index] ?? '' });
      this.querySelector(`[data-count="${index}"]`)!.textContent = format(this.#strings.count, { count: counts[index] ?? 0 });
      const thumbs = this.querySelector<HTMLElement>(`[data-thumbs="${index}"]`);
      if (thumbs) this.#renderThumbnails(thumbs, index);
    }
  }

  /** The class's most recent drawings as 28x28 pictures, as the model sees them. */
  #renderThumbnails(box: HTMLElement, label: number): void {
    const examples = this.#set.examples.filter((example) => example.label === label);
    const shown = examples.slice(-THUMBNAILS_PER_CLASS);
    box.setAttribute('aria-label', format(this.#strings.thumbnails, { name: this.#set.classes[label] ?? '' }));
    const pictures = shown.map((example) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = DRAWING_SIZE;
      canvas.setAttribute('aria-hidden', 'true'); // the count says how many; the pictures are for the eye
      const image = new ImageData(DRAWING_SIZE, DRAWING_SIZE);
      for (let i = 0; i < DRAWING_PIXELS; i++) {
        const value = example.pixels[i]!;
        image.data.set([value, value, value, 255], i * 4);
      }
      canvas.getContext('2d')!.putImageData(image, 0, 0);
      return canvas;
    });
    const rest = examples.length - shown.length;
    if (rest > 0) {
      const more = document.createElement('span');
      more.className = 'pad-more';
      more.textContent = format(this.#strings.moreThumbnails, { count: rest });
      box.replaceChildren(...pictures, more);
    } else {
      box.replaceChildren(...pictures);
    }
  }

  #status(text: string): void {
    this.querySelector('.pad-status')!.textContent = text;
  }
}
