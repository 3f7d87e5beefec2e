/**
 * What a chart's expressions may call. Vega's expression language can make data as well as
 * read it: `sequence(0, 1e6)` is a million-item array that `flatten` turns into a million rows,
 * and a regular expression can backtrack for minutes. A chart in a plan needs arithmetic,
 * formatting, text, dates, colours and its own scales, so those are allowed and nothing else:
 * a function missing from this list is refused before anything is drawn, at the expression.
 *
 * Vega itself resolves the names an expression may read: its constants (below), `datum`,
 * `parent` and the spec's own params; anything else fails to draw. So the allow-list is of
 * functions, and of the literal forms that cost nothing (no regular expressions, short arrays).
 */
import { parseExpression } from 'vega-expression';
import { MAX_EXPRESSION_ARRAY_ITEMS } from '../safety/limits.ts';
import { own } from '../util/own.ts';

/**
 * The functions a chart may call. Each group is bounded: its result is a number, a short
 * string, a date or a colour, or an array no longer than the one it was given.
 */
export const allowedFunctions: ReadonlySet<string> = new Set([
  // Maths: numbers in, a number out.
  'abs', 'acos', 'asin', 'atan', 'atan2', 'ceil', 'clamp', 'cos', 'exp', 'floor', 'hypot', 'isFinite', 'isNaN', 'log',
  'max', 'min', 'pow', 'round', 'sin', 'sqrt', 'tan', 'lerp', 'inrange',
  // Statistics that give a figure, not a sample (sample*() and random() are refused: the same plan must give the same bytes).
  'cumulativeNormal', 'cumulativeLogNormal', 'cumulativeUniform', 'densityNormal', 'densityLogNormal', 'densityUniform',
  'quantileNormal', 'quantileLogNormal', 'quantileUniform',
  // Types and control.
  'if', 'isArray', 'isBoolean', 'isDate', 'isDefined', 'isNumber', 'isObject', 'isString', 'isValid',
  'toBoolean', 'toDate', 'toNumber', 'toString',
  // Text: none makes a string or array longer than what it was given, save by the replacement text.
  'length', 'upper', 'lower', 'substring', 'trim', 'truncate', 'indexof', 'lastindexof', 'replace', 'join', 'parseFloat', 'parseInt',
  // Arrays no longer than their input.
  'extent', 'span', 'clampRange', 'peek', 'slice', 'reverse', 'sort',
  // Formatting numbers and dates.
  'format', 'timeFormat', 'timeParse', 'utcFormat', 'utcParse', 'timeUnitSpecifier', 'monthFormat', 'monthAbbrevFormat', 'dayFormat', 'dayAbbrevFormat',
  // Dates (now() is refused: a build must not depend on when it ran).
  'datetime', 'date', 'day', 'year', 'month', 'hours', 'minutes', 'seconds', 'milliseconds', 'time', 'timezoneoffset',
  'utc', 'utcdate', 'utcday', 'utcyear', 'utcmonth', 'utchours', 'utcminutes', 'utcseconds', 'utcmilliseconds',
  'quarter', 'utcquarter', 'week', 'utcweek', 'isoweek', 'utcisoweek', 'dayofyear', 'utcdayofyear', 'timeOffset', 'utcOffset',
  // Colours.
  'rgb', 'hsl', 'lab', 'hcl', 'luminance', 'contrast',
  // The chart's own scales, for placing labels.
  'scale', 'invert', 'domain', 'range', 'bandwidth', 'bandspace',
  // The build's own text measures (charts/fonts.ts).
  'textWidth', 'wrapText',
]);

/** Vega's constants: all may be read. Listed so the documentation and the check agree. */
export const allowedConstants: ReadonlySet<string> = new Set(['NaN', 'E', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'PI', 'SQRT1_2', 'SQRT2', 'MIN_VALUE', 'MAX_VALUE']);

/** Why the best-known refusals are refused, for the message's hint; the rest are "not needed in a chart". */
const reasons: Record<string, string> = {
  sequence: 'it makes an array of any length from two numbers, which `flatten` turns into as many rows',
  timeSequence: 'it makes an array of any length from two dates',
  utcSequence: 'it makes an array of any length from two dates',
  split: 'it makes an array as long as the text it splits; use `wrapText` to break a label into lines',
  pad: 'it makes text of any length',
  regexp: 'a regular expression can take minutes to run on a short text',
  test: 'a regular expression can take minutes to run on a short text',
  random: 'it gives a different chart at each build',
  sampleNormal: 'it gives a different chart at each build',
  sampleLogNormal: 'it gives a different chart at each build',
  sampleUniform: 'it gives a different chart at each build',
  now: 'it gives a different chart at each build',
  data: 'it reads data sets by name, beyond the chart\'s own rows',
  indata: 'it reads data sets by name, beyond the chart\'s own rows',
  modify: 'it changes data sets by name',
  setdata: 'it changes data sets by name',
  pluck: 'it reads fields from arrays of data objects',
  merge: 'it builds objects, which a chart does not need',
};

export type ExpressionProblem =
  | { kind: 'syntax'; detail: string }
  | { kind: 'function'; name: string; reason: string | undefined }
  | { kind: 'callee' }
  | { kind: 'regex' }
  | { kind: 'array'; items: number }
  | { kind: 'property'; name: string };

/** Property names that lead from data to the language's own machinery. */
const forbiddenProperties = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

interface Node {
  type: string;
  [key: string]: unknown;
}

/** The problems of one expression, in the order they are written (the first is enough to report). */
export function checkExpression(source: string): ExpressionProblem[] {
  let ast: Node;
  try {
    ast = parseExpression(source) as unknown as Node;
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [{ kind: 'syntax', detail: detail ?? '' }];
  }
  const problems: ExpressionProblem[] = [];
  // Without recursion: the parser accepts expressions nested as deep as the spec's size allows.
  const stack: unknown[] = [ast];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (typeof node !== 'object' || node === null || typeof (node as Node).type !== 'string') continue;
    const n = node as Node;
    if (n.type === 'CallExpression') {
      const callee = n.callee as Node;
      if (callee.type !== 'Identifier') problems.push({ kind: 'callee' });
      else if (!allowedFunctions.has(callee.name as string)) problems.push({ kind: 'function', name: callee.name as string, reason: own(reasons, callee.name as string) });
      stack.push(n.arguments);
      if (callee.type !== 'Identifier') stack.push(callee);
      continue;
    }
    if (n.type === 'Literal' && n.regex !== undefined) problems.push({ kind: 'regex' });
    if (n.type === 'ArrayExpression' && Array.isArray(n.elements) && n.elements.length > MAX_EXPRESSION_ARRAY_ITEMS) {
      problems.push({ kind: 'array', items: n.elements.length });
    }
    if (n.type === 'MemberExpression') {
      const property = n.property as Node;
      // The parser turns `datum['x']` into an Identifier too; either way the name is checked.
      const name = property.type === 'Identifier' ? property.name : property.type === 'Literal' ? property.value : undefined;
      if (typeof name === 'string' && forbiddenProperties.has(name)) problems.push({ kind: 'property', name });
    }
    for (const [key, value] of Object.entries(n).reverse()) if (key !== 'type' && typeof value === 'object') stack.push(value);
  }
  return problems;
}

/** The text in the expression that a problem is about, to place it within the expression's string. */
export function problemNeedle(problem: ExpressionProblem): RegExp | undefined {
  switch (problem.kind) {
    case 'function':
      return new RegExp(`\\b${problem.name.replace(/[$]/g, '\\$')}\\s*\\(`);
    case 'property':
      return new RegExp(problem.name.replace(/[$]/g, '\\$'));
    default:
      return undefined;
  }
}
