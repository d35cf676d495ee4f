/**
 * An in-memory Storage for unit tests, with the two failures real browsers
 * have: a quota (total characters of keys and values) and a disabled mode in
 * which every access throws, as localStorage does when the learner blocks it.
 */
export class FakeStorage implements Storage {
  readonly items = new Map<string, string>();
  quota = Infinity;
  disabled = false;

  private guard(): void {
    if (this.disabled) throw new DOMException('The operation is insecure.', 'SecurityError');
  }

  private used(): number {
    let total = 0;
    for (const [key, value] of this.items) total += key.length + value.length;
    return total;
  }

  get length(): number {
    this.guard();
    return this.items.size;
  }

  key(index: number): string | null {
    this.guard();
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    this.guard();
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.guard();
    const previous = this.items.get(key);
    const growth = key.length + value.length - (previous === undefined ? 0 : key.length + previous.length);
    if (this.used() + growth > this.quota) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.guard();
    this.items.delete(key);
  }

  clear(): void {
    this.guard();
    this.items.clear();
  }
}
