/**
 * Where drawing sets live: IndexedDB, because both the page (which draws)
 * and the sandbox worker (where `lab` reads them for the learner's code) can
 * open it, and it stores typed arrays as they are.
 */
import { asDrawingSet, type DrawingSet } from './drawing-set.ts';

const DB_NAME = 'transfer-lab';
const DB_VERSION = 1;
const STORE = 'drawings';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('Drawings are kept in the browser (IndexedDB), which is not available here.'));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('Could not open the drawings database.'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = use(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('The drawings database refused the request.'));
    });
  } finally {
    db.close();
  }
}

/** The set saved under `name`, or null when there is none (or it cannot be read). */
export async function loadDrawingSet(name: string): Promise<DrawingSet | null> {
  return asDrawingSet(await withStore('readonly', (store) => store.get(name)));
}

export async function saveDrawingSet(name: string, set: DrawingSet): Promise<void> {
  await withStore('readwrite', (store) => store.put(set, name));
}
