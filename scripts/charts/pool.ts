/**
 * `items.map(fn)` with at most `limit` calls under way at once, results in input order.
 * Charts are drawn a few at a time: Vega yields while it runs, so drawing overlaps with file
 * reads and writes, but each chart holds a scene graph in memory.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
