/**
 * Schema validation at the edge: a zod schema checks parsed YAML, and every
 * issue becomes a diagnostic placed on the YAML node it concerns.
 */
import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../diagnostics/index.ts';
import { schemaMessages } from '../messages/data.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { placeOf, type YamlPath, type YamlSource } from './yaml-source.ts';

export interface Validated<T> {
  value?: T | undefined;
  diagnostics: Diagnostic[];
}

export function validate<S extends z.ZodType>(schema: S, source: YamlSource, value: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { value: result.data, diagnostics: [] };
  const keys = knownKeys(schema);
  const diagnostics = result.error.issues.flatMap((issue) => describe(issue as Issue, source, value, keys));
  return { diagnostics: dedupe(diagnostics) };
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  keys?: string[];
  errors?: Issue[][];
  issues?: Issue[];
  values?: unknown[];
  minimum?: number | bigint;
  origin?: string;
}

function describe(issue: Issue, source: YamlSource, root: unknown, keys: Set<string>): Diagnostic[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const file = source.file;
  const received = valueAt(root, path);
  // YAML's .inf and .nan: say so, whatever type the schema wanted here.
  if (typeof received === 'number' && !Number.isFinite(received) && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'custom')) {
    return [diagnostic(file, placeOf(source, path), schemaMessages.notFinite(where(path), String(received)))];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return (issue.keys ?? []).map((key) => {
        const siblings = new Set(Object.keys((received as object) ?? {}));
        const candidates = [...keys].filter((k) => !siblings.has(k));
        return diagnostic(file, placeOf(source, [...path, key], 'key'), schemaMessages.unknownKey(key, suggest(key, candidates)));
      });
    case 'invalid_type':
      if (received === undefined) {
        return [diagnostic(file, placeOf(source, path.slice(0, -1)), schemaMessages.missing(String(path.at(-1) ?? 'value')))];
      }
      return [
        diagnostic(file, placeOf(source, path), schemaMessages.wrongType(where(path), article(issue.expected ?? 'value'), kindOf(received))),
      ];
    case 'invalid_union': {
      const alternatives = (issue.errors ?? []).filter((a) => a.length > 0);
      // An alternative of another type altogether says nothing about what went wrong inside
      // the one meant: `{ file: x.md }` in the outline is an entry missing its id, not "not text".
      const wrongType = (a: Issue[]) => a.length === 1 && a[0]!.code === 'invalid_type' && a[0]!.path.length === 0;
      const near = alternatives.filter((a) => !wrongType(a)).sort((a, b) => a.length - b.length)[0];
      if (near) return near.flatMap((inner) => describe({ ...inner, path: [...issue.path, ...inner.path] }, source, root, keys));
      if (alternatives.length > 0 && received !== undefined) {
        const expected = [...new Set(alternatives.map((a) => article(a[0]!.expected ?? 'value')))];
        return [diagnostic(file, placeOf(source, path), schemaMessages.wrongType(where(path), orList(expected), kindOf(received)))];
      }
      if (received === undefined) return [diagnostic(file, placeOf(source, path.slice(0, -1)), schemaMessages.missing(String(path.at(-1) ?? 'value')))];
      return [diagnostic(file, placeOf(source, path), schemaMessages.invalidValue(where(path), issue.message))];
    }
    case 'invalid_key': {
      const key = String(path.at(-1) ?? '');
      return [diagnostic(file, placeOf(source, path, 'key'), schemaMessages.invalidKey(key, issue.issues?.[0]?.message ?? issue.message))];
    }
    case 'invalid_value':
      return [
        diagnostic(
          file,
          placeOf(source, path),
          schemaMessages.invalidValue(where(path), `expected one of ${(issue.values ?? []).map((v) => `\`${String(v)}\``).join(', ')}, not ${kindOf(received)}`),
        ),
      ];
    case 'too_small':
      return [
        diagnostic(
          file,
          placeOf(source, path),
          schemaMessages.invalidValue(where(path), issue.origin === 'array' ? `needs at least ${String(issue.minimum)} item(s)` : issue.message),
        ),
      ];
    default:
      return [diagnostic(file, placeOf(source, path), schemaMessages.invalidValue(where(path), issue.message))];
  }
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? 'a value') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function where(path: YamlPath): string {
  const key = [...path].reverse().find((p) => typeof p === 'string');
  return key === undefined ? 'This file' : `\`${key}\``;
}

function article(expected: string): string {
  const nouns: Record<string, string> = { string: 'text', object: 'a map of keys', array: 'a list', null: 'empty', boolean: 'true or false', date: 'a date' };
  const noun = nouns[expected] ?? expected;
  if (noun === 'empty' || noun === 'true or false') return noun;
  return noun === 'text' || noun.startsWith('a ') ? noun : `a ${noun}`;
}

export function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return `a date (${value.toISOString().slice(0, 10)})`;
  if (typeof value === 'string') return `text ("${value.length > 30 ? `${value.slice(0, 30)}…` : value}")`;
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : `the non-finite number ${value}`;
  if (typeof value === 'object') return 'a map of keys';
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: YamlPath): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.place?.line}:${d.place?.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every object key the schema allows anywhere, for "did you mean" suggestions. */
function knownKeys(schema: z.ZodType): Set<string> {
  const keys = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (s: unknown): void => {
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    if (def.type === 'object') {
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
        keys.add(key);
        walk(child);
      }
    }
    if (def.type === 'lazy' && typeof def.getter === 'function') walk((def.getter as () => unknown)());
    for (const field of ['innerType', 'element', 'in', 'out', 'valueType']) walk(def[field]);
    if (Array.isArray(def.options)) def.options.forEach(walk);
  };
  walk(schema);
  return keys;
}
