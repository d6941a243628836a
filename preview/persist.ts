// Where the simulations keep their changes: window.localStorage in the page, a Map in the tests. Only changes
// against the seed are stored (the seed is rebuilt on every load), so 50,000 users fit well within the browser's
// quota; a write that still fails keeps the change for this page and says so once in the console.

/** The part of the Web Storage API the simulations use. */
export interface KeyValueStorage {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
}

/** Storage for tests and for browsers that refuse localStorage (private modes, disabled cookies). */
export function memoryStorage(): KeyValueStorage {
    const items = new Map<string, string>();
    return {
        getItem: (key) => items.get(key) ?? null,
        setItem: (key, value) => void items.set(key, value),
        removeItem: (key) => void items.delete(key)
    };
}

export function readJson<T>(storage: KeyValueStorage, key: string): T | undefined {
    const text = storage.getItem(key);
    if (text === null) {
        return undefined;
    }
    try {
        return JSON.parse(text) as T;
    } catch {
        // Written by an older preview or edited by hand: start again from the seed.
        storage.removeItem(key);
        return undefined;
    }
}

let warnedAboutQuota = false;

export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
    try {
        storage.setItem(key, JSON.stringify(value));
    } catch (failure) {
        if (!warnedAboutQuota) {
            warnedAboutQuota = true;
            console.warn(`CRM Sync preview: changes are kept for this page only (${String(failure)})`);
        }
    }
}
