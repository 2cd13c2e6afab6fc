// A small read-through cache for what pages show to everyone and what changes rarely (the places
// list, the waiting-time estimate). Kept on globalThis under a symbol, so the boot script and the
// bundled server share one copy and a write in either invalidates it. Each process has its own:
// the TTL bounds how long another process (a cluster worker) may show an older value.

type Entry<V> = { value?: V; at: number; loading?: Promise<V> };

export type Cache<V> = {
  get: (key: string, load: () => Promise<V>, now?: number) => Promise<V>;
  /** The fresh value, if there is one; never loads. */
  peek: (key: string, now?: number) => V | undefined;
  put: (key: string, value: V, now?: number) => void;
  invalidate: (key?: string) => void;
};

const KEY = Symbol.for('hog-portaal.caches');
type Holder = { [KEY]?: Map<string, Map<string, Entry<unknown>>> };

/** Pages rendered for anyone (http/page-cache.ts): emptied whenever what they show changes. */
export const PUBLIC_PAGES = 'public-pages';

export function createCache<V>(name: string, ttlMs: number): Cache<V> {
  const holder = globalThis as Holder;
  const all = (holder[KEY] ??= new Map());
  if (!all.has(name)) all.set(name, new Map());
  const entries = all.get(name) as Map<string, Entry<V>>;
  return {
    async get(key, load, now = Date.now()) {
      const entry = entries.get(key);
      if (entry && 'value' in entry && now - entry.at < ttlMs) return entry.value as V;
      // A rush of requests after expiry waits for one query instead of sending one each.
      if (entry?.loading) return entry.loading;
      const loading = load();
      const next: Entry<V> = entry ? { ...entry, loading } : { at: 0, loading };
      entries.set(key, next);
      try {
        const value = await loading;
        if (entries.get(key) === next) entries.set(key, { value, at: now });
        return value;
      } catch (error) {
        // A database that is down keeps the last known value on screen; with none, the caller decides.
        const stale = entry && 'value' in entry;
        if (entries.get(key) === next) {
          if (stale) entries.set(key, { value: entry.value as V, at: entry.at });
          else entries.delete(key);
        }
        if (!stale) throw error;
        console.error(`cache ${name}: cannot refresh ${key}, showing the last known value:`, error);
        return entry.value as V;
      }
    },
    peek(key, now = Date.now()) {
      const entry = entries.get(key);
      return entry && 'value' in entry && now - entry.at < ttlMs ? (entry.value as V) : undefined;
    },
    put(key, value, now = Date.now()) {
      entries.set(key, { value, at: now });
    },
    invalidate(key) {
      if (key === undefined) entries.clear();
      else entries.delete(key);
    },
  };
}
