import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** Whether `file` lies inside `dir` (both already resolved): the one test behind every "nothing from outside the plan". */
export const isInside = (dir: string, file: string): boolean => file !== dir && file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/** `p` with every link followed, as far as it exists; the rest as given. */
export async function realOf(p: string): Promise<string> {
  const rest: string[] = [];
  for (let at = path.resolve(p); ; at = path.dirname(at)) {
    const found = await realpath(at).catch(() => undefined);
    if (found !== undefined) return path.join(found, ...rest.reverse());
    if (path.dirname(at) === at) return path.resolve(p);
    rest.push(path.basename(at));
  }
}
