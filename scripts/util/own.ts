/**
 * A plain object's own entry for `key`, never one it inherits: a name a plan writes
 * (`constructor`, `toString`, `__proto__`) must not find Object.prototype's members.
 */
export const own = <T>(record: Readonly<Record<string, T>>, key: string | undefined): T | undefined =>
  key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
