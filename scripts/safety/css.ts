/**
 * CSS that reaches the page: parsed with css-tree, checked against an allow-list, and serialised
 * from the parsed tree, never from the input text.
 *
 *   text ──parse (positions)──▶ tree ──check──▶ problems, offending parts removed
 *        ──strings re-escaped──▶ generate ──▶ CSS that cannot end a <style> element
 *
 * The allow-list is of what cannot fetch or run: at-rules and functions are matched by name
 * after CSS escapes are decoded (`\75 rl(` is `url(`, as a browser reads it) and any vendor
 * prefix is set aside, so a name is either known to be harmless or refused. `url()` is refused
 * everywhere except in the build's own CSS, which embeds its fonts as data: URIs. Anything
 * css-tree could not parse (a Raw node) is refused too: what we do not understand, we do not
 * pass on. One module, so the page's styles and anything else that scopes or checks CSS agree.
 */
import { createHash } from 'node:crypto';
import * as csstree from './css-tree.ts';
import type { Place } from '../diagnostics/index.ts';
import { findInvisible, type InvisibleKind } from './invisible.ts';

/** Who wrote the CSS: a plan (nothing fetched at all) or the build (its own fonts as data: URIs). */
export type CssOrigin = 'plan' | 'build';

export type CssProblemKind = 'syntax' | 'at-rule' | 'function' | 'url' | 'unparsed' | 'invisible';

export interface CssProblem {
  kind: CssProblemKind;
  place: Place;
  /** The at-rule or function name as a browser reads it, the URL, css-tree's message, or (invisible) the U+ code. */
  detail: string;
  /** For an invisible character in a string: its kind, and whether it is written as an escape. */
  invisible?: { kind: InvisibleKind; escaped: boolean } | undefined;
}

export interface CheckedCss {
  /** The stylesheet serialised from its checked tree, without the parts that were refused. */
  css: string;
  problems: CssProblem[];
}

/** At-rules that only group or describe rules; none loads anything. `@import`, `@namespace` are not here. */
const allowedAtRules = new Set([
  'media', 'supports', 'page', 'font-face', 'keyframes', 'layer', 'container', 'counter-style', 'property',
  'font-feature-values', 'font-palette-values', 'scope', 'starting-style',
  // @page margin boxes
  ...['top', 'bottom'].flatMap((edge) => ['left-corner', 'left', 'center', 'right', 'right-corner'].map((p) => `${edge}-${p}`)),
  ...['left', 'right'].flatMap((edge) => ['top', 'middle', 'bottom'].map((p) => `${edge}-${p}`)),
]);

/** Functions that compute a value from their arguments; none takes a URL or an image. */
const allowedFunctions = new Set([
  // arithmetic
  'calc', 'min', 'max', 'clamp', 'abs', 'sign', 'round', 'mod', 'rem', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'pow', 'sqrt', 'hypot', 'log', 'exp',
  'var', 'env',
  // colours
  'rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'color-mix', 'light-dark',
  // gradients (drawn, not fetched)
  'linear-gradient', 'radial-gradient', 'conic-gradient', 'repeating-linear-gradient', 'repeating-radial-gradient', 'repeating-conic-gradient',
  // transforms and filters
  'translate', 'translatex', 'translatey', 'translatez', 'translate3d', 'scale', 'scalex', 'scaley', 'scalez', 'scale3d',
  'rotate', 'rotatex', 'rotatey', 'rotatez', 'rotate3d', 'skew', 'skewx', 'skewy', 'matrix', 'matrix3d', 'perspective',
  'blur', 'brightness', 'contrast', 'drop-shadow', 'grayscale', 'hue-rotate', 'invert', 'opacity', 'saturate', 'sepia',
  // timing, grid, shapes
  'cubic-bezier', 'steps', 'linear', 'repeat', 'minmax', 'fit-content', 'rect', 'inset', 'circle', 'ellipse', 'polygon', 'xywh',
  // generated content and print
  'counter', 'counters', 'target-counter', 'target-counters', 'target-text', 'leader', 'string', 'content', 'attr',
  // @font-face: a font installed on the reader's machine; @supports
  'local', 'format', 'tech', 'selector', 'font-format', 'font-tech',
]);

const containers = new Set(['Declaration', 'Rule', 'Atrule', 'Raw']);

/** A name as a browser reads it: escapes decoded, lower case, any vendor prefix set aside. */
export function cssName(raw: string): string {
  const decoded = csstree.ident.decode(raw).toLowerCase();
  return /^-[a-z]+-/.test(decoded) && !decoded.startsWith('--') ? decoded.replace(/^-[a-z]+-/, '') : decoded;
}

/**
 * A CSS string literal that is safe anywhere, including inside a <style> element:
 * quotes, backslashes, angle brackets, ampersands and control characters become
 * hexadecimal escapes, so no text can end the string or the style element.
 */
export function cssString(text: string): string {
  const escaped = [...text]
    .map((char) => {
      const code = char.codePointAt(0)!;
      const unsafe = char === '"' || char === '\\' || char === '<' || char === '>' || char === '&'
        || code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
      // The trailing space ends the escape; CSS swallows it.
      return unsafe ? `\\${code.toString(16)} ` : char;
    })
    .join('');
  return `"${escaped}"`;
}

/** What ends a <style> element (or opens a comment that could hide its end) in HTML. */
const endsStyle = /<\/style|<!--/i;

/**
 * Checked stylesheets by what decides them: the same text, checked for the same origin, gives
 * the same result. Kept for rebuilds in one process and, through keptCss (css-kept.ts), between
 * builds in the plan's signed cache: a fresh process then parses none of the styles it met before.
 */
const memo = new Map<string, CheckedCss>();
const used = new Map<string, CheckedCss>();
let fresh = 0;

/** The result kept for `kind` (an origin, or a derived stylesheet such as the embed's) and `text`, or `compute`'s. */
export function rememberCss(kind: string, text: string, compute: () => CheckedCss): CheckedCss {
  const key = `${kind}:${createHash('sha256').update(text).digest('base64url')}`;
  let result = memo.get(key);
  if (!result) {
    result = compute();
    fresh++;
    if (memo.size > 200) memo.clear();
    memo.set(key, result);
  }
  used.set(key, result);
  return result;
}

/** For css-kept.ts: results read back from the cache, and those this process has used (with how many it computed). */
export const cssMemo = {
  seed(entries: Iterable<[string, CheckedCss]>): void {
    for (const [key, value] of entries) if (!memo.has(key)) memo.set(key, value);
  },
  /** What this process used since the last call, and how many of those it computed; then starts counting again. */
  take(): { entries: Map<string, CheckedCss>; fresh: number } {
    const taken = { entries: new Map(used), fresh };
    used.clear();
    fresh = 0;
    return taken;
  },
};

/** Parses, checks and serialises one stylesheet. The same text gives the same result, kept for rebuilds. */
export function checkCss(text: string, origin: CssOrigin): CheckedCss {
  return rememberCss(origin, text, () => check(text, origin));
}

function check(text: string, origin: CssOrigin): CheckedCss {
  // Syntax problems keep their offset, so a Raw node can tell whether it was explained.
  const problems: Array<CssProblem & { offset?: number }> = [];
  try {
    return checkTree(parseStylesheet(text, problems), origin, problems, text);
  } catch (error) {
    if (origin === 'build' && !(error instanceof RangeError)) throw error;
    // Nested past what css-tree's recursion can walk, or a parse it gave up on: nothing of it is used.
    const e = error as { line?: number; column?: number; message?: string };
    const detail = error instanceof RangeError ? 'the rules are nested too deeply to read' : String(e.message ?? error);
    return { css: '', problems: [{ kind: 'syntax', place: { line: e.line ?? 1, column: e.column ?? 1 }, detail }] };
  }
}

function parseStylesheet(text: string, problems: Array<CssProblem & { offset?: number }>): csstree.CssNode {
  return csstree.parse(text, {
    positions: true,
    // Custom properties are parsed like any value, so a url() in one is seen.
    parseCustomProperty: true,
    onParseError(error) {
      const e = error as { rawMessage?: string; message: string; line?: number; column?: number; offset: number };
      // A stack overflow inside css-tree comes here too, with no place.
      problems.push({ kind: 'syntax', place: { line: e.line ?? 1, column: e.column ?? 1 }, detail: e.rawMessage ?? e.message, offset: e.offset });
    },
  });
}

function checkTree(tree: csstree.CssNode, origin: CssOrigin, problems: Array<CssProblem & { offset?: number }>, source: string): CheckedCss {

  type Entry = { node: csstree.CssNode; item: csstree.ListItem<csstree.CssNode> | null; list: csstree.List<csstree.CssNode> | null };
  const stack: Entry[] = [];
  const doomed: Entry[] = [];
  const refuse = (node: csstree.CssNode, kind: CssProblemKind, detail: string, reported = true): void => {
    const start = node.loc?.start;
    if (reported) problems.push({ kind, place: start ? { line: start.line, column: start.column } : { line: 1, column: 1 }, detail });
    // The nearest declaration, rule or at-rule that holds it goes, whole.
    const target = [...stack].reverse().find((e) => containers.has(e.node.type) && e.list && e.item);
    if (target) doomed.push(target);
  };

  csstree.walk(tree, {
    enter(node: csstree.CssNode, item: csstree.ListItem<csstree.CssNode>, list: csstree.List<csstree.CssNode>) {
      stack.push({ node, item, list });
      switch (node.type) {
        case 'Atrule': {
          const name = cssName(node.name);
          if (!allowedAtRules.has(name)) refuse(node, 'at-rule', name);
          break;
        }
        case 'Function': {
          const name = cssName(node.name);
          if (!allowedFunctions.has(name) || (name === 'attr' && !plainAttr(node))) refuse(node, 'function', name);
          break;
        }
        case 'Url':
          if (origin === 'plan' || !/^data:/i.test(node.value.trim())) refuse(node, 'url', node.value);
          break;
        case 'Raw': {
          if (node.value.trim() === '') break;
          // Text css-tree could not parse: a function in it (an escaped `url(` with a bare URL ends up
          // here) is named as a browser would read it; otherwise the parse error already said where.
          const from = node.loc?.start.offset ?? -1;
          const to = node.loc?.end.offset ?? -1;
          const within = (p: CssProblem & { offset?: number }) => p.offset !== undefined && p.offset >= from && p.offset <= to;
          const refused = [...csstree.ident.decode(node.value).matchAll(/(-?[a-z][\w-]*)\s*\(/gi)].map((m) => cssName(m[1]!)).find((f) => !allowedFunctions.has(f));
          if (refused) {
            for (let i = problems.length - 1; i >= 0; i--) if (within(problems[i]!)) problems.splice(i, 1);
            refuse(node, 'function', refused);
          } else refuse(node, 'unparsed', node.value.trim().slice(0, 40), !problems.some(within));
          break;
        }
        case 'String':
        case 'Identifier': {
          // Generated content is published text: the same characters as in a section are said,
          // and those that reverse or hide what it says are refused (escaped or not). An
          // identifier can be shown too (`@counter-style { symbols: \202E }`), so it is read alike.
          if (origin !== 'plan') break;
          const text = node.type === 'String' ? (node as csstree.StringNode).value : csstree.ident.decode((node as csstree.Identifier).name);
          for (const found of findInvisible(text).filter((f) => f.written === undefined)) {
            const start = node.loc?.start;
            const problem = { kind: 'invisible' as const, place: start ? { line: start.line, column: start.column } : { line: 1, column: 1 }, detail: found.code, invisible: { kind: found.kind, escaped: !source.slice(node.loc?.start.offset ?? 0, node.loc?.end.offset ?? source.length).includes(String.fromCodePoint(Number.parseInt(found.code.slice(2), 16))) } };
            if (found.kind === 'control' || found.kind === 'override') {
              refuse(node, 'invisible', found.code, false);
              problems.push(problem);
            } else problems.push(problem);
          }
          break;
        }
        case 'CDO':
        case 'CDC':
        case 'Comment': // `/*! … */` is kept by css-tree; a comment has nothing to say to the page
          if (list && item) doomed.push({ node, item, list });
          break;
      }
    },
    leave() {
      stack.pop();
    },
  } as csstree.WalkOptions);

  for (const { list, item } of doomed) {
    // An entry may already be gone with its parent, or twice doomed; removing it again is harmless only if it is still there.
    if (list && item && listHas(list, item)) list.remove(item);
  }
  reescapeStrings(tree);
  let css = csstree.generate(tree);
  if (endsStyle.test(css)) {
    // Strings are re-escaped above, so only a part css-tree kept verbatim could do this: refuse it all.
    problems.push({ kind: 'unparsed', place: { line: 1, column: 1 }, detail: '</style' });
    css = '';
  }
  if (origin === 'build' && problems.length) {
    throw new Error(`Internal error: the build's own CSS breaks its rules: ${problems.map((p) => `${p.place.line}:${p.place.column} ${p.kind} ${p.detail}`).join('; ')}`);
  }
  const sorted = problems.map(({ offset: _offset, ...p }) => p).sort((a, b) => a.place.line - b.place.line || a.place.column - b.place.column);
  return { css, problems: sorted };
}

/** `attr(name)` reads text; `attr(name url)` and the like would make a URL from the page. */
function plainAttr(node: csstree.FunctionNode): boolean {
  const args = node.children.toArray().filter((c) => c.type !== 'WhiteSpace');
  return args.length === 1 && args[0]!.type === 'Identifier';
}

function listHas(list: csstree.List<csstree.CssNode>, item: csstree.ListItem<csstree.CssNode>): boolean {
  let found = false;
  list.forEach((_node, each) => {
    if (each === item) found = true;
  });
  return found;
}

/** css-tree writes strings back with only quotes escaped; `</style>` in one must not reach the page as text. */
function reescapeStrings(tree: csstree.CssNode): void {
  csstree.walk(tree, {
    visit: 'String',
    enter(node: csstree.StringNode, item: csstree.ListItem<csstree.CssNode>, list: csstree.List<csstree.CssNode>) {
      const raw: csstree.Raw = { type: 'Raw', value: cssString(node.value) };
      if (list && item) list.replace(item, list.createItem(raw));
      else Object.assign(node, raw);
    },
  } as csstree.WalkOptions);
}

/**
 * A CSS value in markup (an SVG attribute such as `fill`, or a `style`), checked by the same
 * allow-list: a url() may only name an element of the same figure, which `local` renames (or
 * refuses with undefined). Returns the value serialised from its tree, or undefined to drop it.
 */
export function checkCssValue(text: string, context: 'value' | 'declarationList', local: (url: string) => string | undefined): string | undefined {
  // Most values are colours, numbers and names; only a function or an escape needs the parser.
  if (!/[(\\]/.test(text)) return text;
  let ok = true;
  let tree: csstree.CssNode;
  try {
    tree = csstree.parse(text, {
      context,
      parseCustomProperty: true,
      onParseError() {
        ok = false;
      },
    });
  } catch {
    return undefined; // outside a stylesheet css-tree throws what it cannot parse
  }
  try {
    csstree.walk(tree, (node) => {
      if (node.type === 'Raw' || node.type === 'Atrule') ok = false;
      else if (node.type === 'Function') {
        if (!allowedFunctions.has(cssName(node.name))) ok = false;
      } else if (node.type === 'Url') {
        const target = local(node.value.trim());
        if (target === undefined) ok = false;
        else node.value = `#${target}`;
      }
    });
    if (!ok) return undefined;
    reescapeStrings(tree);
    return csstree.generate(tree);
  } catch {
    return undefined; // nested too deeply to walk
  }
}
