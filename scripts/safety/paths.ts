import path from 'node:path';

/** Whether `file` lies inside `dir` (both already resolved): the one test behind every "nothing from outside the plan". */
export const isInside = (dir: string, file: string): boolean => file !== dir && file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
