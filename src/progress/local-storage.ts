/**
 * Safe access to localStorage. Browsers may refuse it (storage disabled,
 * some private modes, sandboxed frames): reading `window.localStorage` then
 * throws. Every module that stores something asks here, so a refusal becomes
 * a notice instead of a crash.
 */

/** localStorage, or null when the browser refuses it. */
export function browserStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return null;
    storage.getItem('transfer-lab:v1:probe');
    return storage;
  } catch {
    return null;
  }
}

/** True when a write failed because the storage is full (names differ between browsers). */
export function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error) && !(typeof DOMException !== 'undefined' && error instanceof DOMException)) {
    return false;
  }
  const { name } = error as Error;
  const code = (error as { code?: number }).code;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

export type WriteOutcome = 'ok' | 'quota' | 'error';

/** setItem that reports instead of throwing. */
export function writeItem(storage: Storage, key: string, value: string): WriteOutcome {
  try {
    storage.setItem(key, value);
    return 'ok';
  } catch (error) {
    return isQuotaError(error) ? 'quota' : 'error';
  }
}

/** getItem that reports a refusal as undefined (null stays "no such key"). */
export function readItem(storage: Storage, key: string): string | null | undefined {
  try {
    return storage.getItem(key);
  } catch {
    return undefined;
  }
}

/**
 * The fields of a stored JSON object, or null when `raw` is not JSON or not an
 * object: the first step of every store's parser, before it checks its fields.
 */
export function parseStoredObject(raw: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

/**
 * The one rule for a stored value that cannot be parsed: copy it, as it is,
 * to an `unreadable` key (storageKeys.unreadable) for a human to look at, then
 * clear `key` (or put `replaceWith` there) so the next read starts afresh and
 * does not copy it again. `key` is left as it is when the copy fails: nothing
 * is lost. Returns the backup key, or null when the copy failed.
 */
export function setAside(storage: Storage, key: string, raw: string, backupKey: string, replaceWith?: string): string | null {
  if (writeItem(storage, backupKey, raw) !== 'ok') return null;
  if (replaceWith !== undefined) writeItem(storage, key, replaceWith);
  else {
    try {
      storage.removeItem(key);
    } catch {
      // Nothing more to do; the next read sets it aside again.
    }
  }
  return backupKey;
}

/** All keys, or [] when the storage refuses to list them. */
export function listKeys(storage: Storage): string[] {
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null) keys.push(key);
    }
    return keys;
  } catch {
    return [];
  }
}
