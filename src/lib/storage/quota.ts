/**
 * How much of the browser's storage this site uses and may use, and whether it is kept when the
 * disk runs low. Datasets live there: a classroom laptop must not lose them to eviction.
 */
export interface StorageUse {
  usage: number;
  quota: number;
  /** The browser promised not to evict this site's data without asking. */
  persisted: boolean;
}

/** Undefined where the browser does not say (no StorageManager, e.g. an insecure origin). */
export async function storageUse(): Promise<StorageUse | undefined> {
  if (!navigator.storage?.estimate) return undefined;
  const [{ usage = 0, quota = 0 }, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? false]);
  return { usage, quota, persisted };
}

/** Asks the browser to keep this site's data; Chromium grants it without a prompt to sites a person uses. */
export async function keepStorage(): Promise<boolean> {
  return (await navigator.storage?.persist?.()) ?? false;
}
