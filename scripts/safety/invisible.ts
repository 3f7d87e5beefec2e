/**
 * Characters that print as nothing, or that reorder the text around them, found in a plan's
 * text before it is parsed. None of them has a place in a published plan, and some can make a
 * sentence read differently on the page from what reviewers read in the file ("Trojan Source"):
 *
 *   control      U+0000–U+001F (but tab, line feed, carriage return), U+007F, U+0080–U+009F:
 *                refused; they are left by copying from other programs and mean nothing in prose.
 *   override     U+202D, U+202E: refused; they lay the letters after them out backwards, which
 *                hides what the text says, and prose never needs them (isolates do their work).
 *   direction    U+202A–U+202C, U+2066–U+2069, and the marks U+200E, U+200F, U+061C: a warning;
 *                text in a right-to-left language can need them, so they are kept, but never
 *                without being pointed out (a mark alone can join "3" and "12" into "312").
 *   hidden       U+200B, U+FEFF (but a file's first character), U+E0000–U+E007F, the word
 *                joiner and invisible operators U+2060–U+2064, the soft hyphen U+00AD, and the
 *                fillers that show as nothing (U+034F, U+115F, U+1160, U+17B4, U+17B5, U+180E,
 *                U+3164, U+FFA0): a warning; they show as nothing, split a word so that a search
 *                misses it, or carry hidden text (tag characters), and are kept only because
 *                some scripts use them. (U+200C and U+200D are not here: words and emoji need them.)
 *
 * Each is found as written and as a character reference, numeric (`&#x202E;`, or `&#8238` without
 * its semicolon, which raw HTML reads all the same) or named (`&rlm;`, `&ZeroWidthSpace;`), which
 * the page would turn into the character itself; a YAML
 * escape (`"\u202E"`) is found in the parsed value.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { isScalar, visit, type Document } from 'yaml';
import { diagnostic, type Diagnostic, type MessageText, type Place } from '../diagnostics/index.ts';
import { textMessages } from '../messages/text.ts';

export type InvisibleKind = 'control' | 'override' | 'direction' | 'hidden';

export interface Invisible {
  kind: InvisibleKind;
  /** The code point, as U+XXXX. */
  code: string;
  /** Where it is written, counted in UTF-16 units from the text's start. */
  offset: number;
  /** How it is written, when not as the character itself (`&#x202E;`). */
  written?: string | undefined;
}

export function invisibleKind(codePoint: number): InvisibleKind | undefined {
  if ((codePoint < 0x20 && codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d) || (codePoint >= 0x7f && codePoint <= 0x9f)) return 'control';
  if (codePoint === 0x202d || codePoint === 0x202e) return 'override';
  if ((codePoint >= 0x202a && codePoint <= 0x202c) || (codePoint >= 0x2066 && codePoint <= 0x2069) || DIRECTION_MARKS.has(codePoint)) return 'direction';
  if (codePoint === 0x200b || codePoint === 0xfeff || (codePoint >= 0xe0000 && codePoint <= 0xe007f) || (codePoint >= 0x2060 && codePoint <= 0x2064) || HIDDEN.has(codePoint)) return 'hidden';
  return undefined;
}

const DIRECTION_MARKS = new Set([0x200e, 0x200f, 0x061c]);
const HIDDEN = new Set([0x00ad, 0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x3164, 0xffa0]);

const CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]|\udb40[\udc00-\udc7f]|&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?|&([A-Za-z][A-Za-z0-9]{1,31});|&(shy)(?![A-Za-z0-9;])/g;

export const codeOf = (codePoint: number): string => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

/** Every such character in `text`, as written or as a character reference. */
export function findInvisible(text: string): Invisible[] {
  const found: Invisible[] = [];
  for (const m of text.matchAll(CHARACTERS)) {
    if (m[3] !== undefined || m[4] !== undefined) {
      // A named reference: only one that stands for a single character of these kinds (`&shy`
      // is one of the few an HTML parser reads without its semicolon).
      const decoded = decodeNamedCharacterReference(m[3] ?? m[4]!);
      const codePoint = decoded && [...decoded].length === 1 ? decoded.codePointAt(0)! : undefined;
      const kind = codePoint === undefined ? undefined : invisibleKind(codePoint);
      if (kind) found.push({ kind, code: codeOf(codePoint!), offset: m.index, written: m[0] });
      continue;
    }
    const reference = m[1] !== undefined || m[2] !== undefined;
    const codePoint = reference ? Number.parseInt(m[1] ?? m[2]!, m[1] !== undefined ? 16 : 10) : m[0].codePointAt(0)!;
    const kind = invisibleKind(codePoint);
    // `&#0;` is published as U+FFFD, which shows: only the others are a problem.
    // A byte order mark opening the text is no part of it.
    if (codePoint === 0xfeff && !reference && m.index === 0) continue;
    if (kind && !(reference && codePoint === 0)) found.push({ kind, code: codeOf(codePoint), offset: m.index, written: reference ? m[0] : undefined });
  }
  return found;
}

/** The 1-based line and column of `offset` in `text`. */
export function placeAt(text: string, offset: number, lineOffset = 0): Place {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line: line + lineOffset, column: offset - start + 1 };
}

/** YAML's one-letter escapes for the characters above. */
const LETTER_ESCAPES: Record<number, string> = { 0x00: '0', 0x07: 'a', 0x08: 'b', 0x0b: 'v', 0x0c: 'f', 0x1b: 'e', 0x85: 'N' };

/** A YAML escape of `codePoint` in double-quoted text: `\x07`, `\u202E`, `\U0000202e`, `\a`. */
function escapePattern(codePoint: number): RegExp {
  // Hex digits in either case; the one-letter escapes are case-sensitive (`\N` is not `\n`).
  const hex = [...codePoint.toString(16)].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
  const letter = LETTER_ESCAPES[codePoint];
  return new RegExp(String.raw`\\(?:[xuU]0*${hex}(?![0-9a-fA-F])${letter ? `|${letter}` : ''})`, 'g');
}

/**
 * Characters a YAML escape put into a string value (`"\u202E"`, `"\a"`), which the text as
 * written does not show: each with the offset of its scalar in the YAML text.
 */
export function escapedInvisible(doc: Document, text: string): Invisible[] {
  const found: Invisible[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
      const raw = text.slice(node.range[0], node.range[1]);
      const inRaw = new Set(findInvisible(raw).filter((f) => f.written === undefined).map((f) => f.code));
      for (const char of new Set(node.value)) {
        const codePoint = char.codePointAt(0)!;
        const kind = invisibleKind(codePoint);
        const code = codeOf(codePoint);
        if (!kind || inRaw.has(code)) continue;
        // Each escape that writes it, where it is written; the scalar's start if none is found.
        const escapes = [...raw.matchAll(escapePattern(codePoint))];
        if (escapes.length === 0) found.push({ kind, code, offset: node.range[0], written: 'an escape' });
        for (const m of escapes) found.push({ kind, code, offset: node.range[0] + m.index, written: m[0] });
      }
    },
  });
  return found;
}

/** JSON's escapes for the characters above: `\u202E` (either case), and `\b` and `\f`. */
function jsonEscapePattern(codePoint: number): RegExp {
  const letter = codePoint === 0x08 ? 'b' : codePoint === 0x0c ? 'f' : undefined;
  // Past U+FFFF, JSON escapes the two halves of the surrogate pair: `\\udb40\\udc01`.
  const units = String.fromCodePoint(codePoint).split('').map((u) => String.raw`\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  return new RegExp(`${units}${letter ? String.raw`|\\${letter}` : ''}`, 'gi');
}

/** A string in a JSON file as jsonc-parser reads it: where it is written, and what it says. */
export interface JsonString {
  offset: number;
  length: number;
  value: string;
}

/**
 * Such characters in a JSON file (a chart spec): as written, and as JSON escapes (`"\u202e"`),
 * which only the parsed strings show, each at the escape that writes it.
 */
export function jsonInvisible(text: string, strings: readonly JsonString[]): Invisible[] {
  // JSON has no character references: `&#x202E;` is printed as written.
  const found = findInvisible(text).filter((f) => f.written === undefined);
  const asWritten = new Set(found.map((f) => f.offset));
  for (const node of strings) {
    const raw = text.slice(node.offset, node.offset + node.length);
    if (!raw.includes('\\')) continue;
    for (const char of new Set(node.value)) {
      const codePoint = char.codePointAt(0)!;
      const kind = invisibleKind(codePoint);
      if (!kind) continue;
      for (const m of raw.matchAll(jsonEscapePattern(codePoint))) {
        // `\\u202e` is a backslash and letters, not an escape: count the backslashes before it.
        const before = /\\*$/.exec(raw.slice(0, m.index))![0].length;
        const offset = node.offset + m.index;
        if (before % 2 === 0 && !asWritten.has(offset)) found.push({ kind, code: codeOf(codePoint), offset, written: m[0] });
      }
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** The messages for a JSON file's characters, each at its line and column (see `invisibleProblems`). */
export function jsonInvisibleProblems(text: string, strings: readonly JsonString[]): Array<{ place: Place; text: MessageText }> {
  return located(text, jsonInvisible(text, strings), 0);
}

/** How many of these one file reports one by one; the rest are counted in one message. */
const MAX_REPORTED = 5;

/**
 * The messages for `file`'s text (a section's Markdown, or YAML, whose parsed `doc` shows what
 * escapes made): each character at its line and column, an error or (direction marks) a warning.
 */
export function invisibleProblems(file: string, text: string, doc?: Document, lineOffset = 0, escapesOnly = false): Diagnostic[] {
  const found = [...(escapesOnly ? [] : findInvisible(text)), ...(doc ? escapedInvisible(doc, text) : [])].sort((a, b) => a.offset - b.offset);
  return reported(file, text, found, lineOffset);
}

function reported(file: string, text: string, found: readonly Invisible[], lineOffset: number): Diagnostic[] {
  return located(text, found, lineOffset).map((p) => diagnostic(file, p.place, p.text));
}

function located(text: string, found: readonly Invisible[], lineOffset: number): Array<{ place: Place; text: MessageText }> {
  const out = found.slice(0, MAX_REPORTED).map((f) => {
    const place = placeAt(text, f.offset, lineOffset);
    return { place, text: textMessages.invisible(f.kind, f.code, place, f.written) };
  });
  const rest = found.slice(MAX_REPORTED);
  if (rest.length > 0) {
    const more = textMessages.moreInvisible(rest.length);
    out.push({ place: placeAt(text, rest[0]!.offset, lineOffset), text: { ...more, severity: rest.some((f) => f.kind === 'control' || f.kind === 'override') ? 'error' : 'warning' } });
  }
  return out;
}
