/**
 * The value remembered under `key`, or `make()`'s, remembered. A memo that lives as long as a
 * server must not grow without end: once it holds `limit` values it forgets them all and starts
 * again (the values are pure, so a forgotten one is only made again).
 */
export function remembered<V>(memo: Map<string, V>, key: string, limit: number, make: () => V): V {
  const known = memo.get(key);
  if (known !== undefined) return known;
  if (memo.size >= limit) memo.clear();
  const value = make();
  memo.set(key, value);
  return value;
}
