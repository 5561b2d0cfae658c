type Entry<T> = { at: number; value: T; loading?: Promise<void> };
const globalForCaches = globalThis as unknown as { switchboardCaches?: Map<string, Entry<unknown>> };

/**
 * A value read from the database and kept in this process (on globalThis, so Next's dev reloads share
 * it). The first read waits for the load; once the value is older than `ttlMs`, the stale value is
 * served while one reload runs. For values that only steer a search, never decide what is found.
 */
export function processCache<T>(key: string, ttlMs: number, load: () => Promise<T>) {
  globalForCaches.switchboardCaches ??= new Map();
  const caches = globalForCaches.switchboardCaches;
  const fill = async () => {
    caches.set(key, { at: Date.now(), value: await load() });
  };
  return {
    async get(): Promise<T> {
      const cached = caches.get(key);
      if (!cached) await fill();
      else if (Date.now() - cached.at > ttlMs && !cached.loading) {
        cached.loading = fill().catch(() => {
          cached.loading = undefined;
        });
      }
      return caches.get(key)!.value as T;
    },
    /** The next read loads afresh (after this process changed what the value is made of). */
    forget() {
      caches.delete(key);
    },
  };
}
