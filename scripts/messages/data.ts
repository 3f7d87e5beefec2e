/** Messages about YAML files and their schemas. */
import type { MessageText } from '../diagnostics/index.ts';

const yamlHints: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  DUPLICATE_KEY: 'each key may appear once in a map: remove or rename one of them',
  BAD_INDENT: 'line the item up with the others at the same level',
  MISSING_CHAR: 'check for a missing `:` or closing quote or bracket',
  BLOCK_AS_IMPLICIT_KEY: 'check the line above: a key needs `: ` after it',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line: check for a missing `:` on the line above',
  MULTIPLE_DOCS: 'a file holds one YAML document: remove the `---` line, or move what follows it to a file of its own',
  TAG_RESOLVE_FAILED: 'remove the `!` tag: plan files use plain YAML values',
  BAD_ALIAS: 'an alias `*name` must follow an anchor `&name` earlier in the file',
  UNEXPECTED_TOKEN: 'check the punctuation on this line: a stray character, or a value that needs quotes',
};

const closing: Record<string, string> = { '{': '}', '[': ']' };

export const yamlMessages = {
  /** `unclosed`: the bracket or quote, opened at this place, that the file never closes. */
  syntax: (code: string, detail: string, unclosed?: string): MessageText => ({
    ruleId: `yaml:${code.toLowerCase().replace(/_/g, '-')}`,
    message: `YAML could not be read: ${detail}`,
    hint: unclosed
      ? `the \`${unclosed}\` here is never closed: add its \`${closing[unclosed] ?? unclosed}\` where the value ends`
      : (yamlHints[code] ?? 'check the punctuation and indentation on this line and the one above'),
  }),
  empty: (): MessageText => ({
    ruleId: 'yaml:empty',
    message: 'This file is empty',
    hint: 'add its content, or delete the file if it is not needed',
  }),
  tooManyAliases: (limit: number): MessageText => ({
    ruleId: 'yaml:too-many-aliases',
    message: `Aliases in this file expand to more than ${limit} copies, which looks like a mistake (or a "billion laughs" attack)`,
    hint: 'write the values out, or use fewer `*alias` references',
  }),
  notUtf8: (): MessageText => ({
    ruleId: 'file:encoding',
    message: 'This file is not valid UTF-8 text',
    hint: 'save it as "UTF-8" in your editor',
  }),
};

export const schemaMessages = {
  unknownKey: (key: string, suggestion: string | undefined): MessageText => ({
    ruleId: 'schema:unknown-key',
    message: suggestion ? `Unknown key \`${key}\`, did you mean \`${suggestion}\`?` : `Unknown key \`${key}\``,
    hint: suggestion ? `rename it to \`${suggestion}\`` : 'remove it, or check the editing guide for the keys allowed here',
  }),
  missing: (key: string): MessageText => ({
    ruleId: 'schema:missing',
    message: `Missing required \`${key}\``,
    hint: `add \`${key}:\` here`,
  }),
  wrongType: (where: string, expected: string, received: string): MessageText => ({
    ruleId: 'schema:type',
    message: `${where} should be ${expected}, not ${received}`,
    hint:
      expected.includes('number') && /text/.test(received)
        ? 'write figures as plain numbers without commas, £ or % (for example 1585845)'
        : `write ${expected} here; docs/content-model.md shows each key with an example`,
  }),
  invalidValue: (where: string, detail: string): MessageText => ({
    ruleId: 'schema:value',
    message: `${where}: ${detail}`,
    hint: 'docs/content-model.md lists the values allowed here, with examples',
  }),
  notFinite: (where: string, received: string): MessageText => ({
    ruleId: 'schema:not-finite',
    message: `${where} is ${received === 'NaN' ? '.nan (not a number)' : `${received.startsWith('-') ? '-' : ''}.inf (infinity)`}, which is not a figure`,
    hint: 'write the figure as a plain number, or null for no figure',
  }),
  invalidKey: (key: string, detail: string): MessageText => ({
    ruleId: 'schema:key',
    message: key ? `The key \`${key}\` cannot be used here: ${detail}` : `An empty key cannot be used here: ${detail}`,
    hint: 'keys are names such as `first-time-entrants`: lower-case letters, digits and hyphens',
  }),
  unknownKind: (kind: unknown, kinds: readonly string[]): MessageText => ({
    ruleId: 'schema:kind',
    message:
      kind === undefined
        ? 'This data file has no `kind`'
        : `Unknown kind \`${String(kind)}\``,
    hint: `start the file with \`kind:\` and one of: ${kinds.join(', ')}`,
  }),
  cellType: (column: string, expected: string, received: string): MessageText => ({
    ruleId: 'schema:cell-type',
    message: `Column \`${column}\` holds ${expected}s, but this cell is ${received}`,
    hint: 'write figures as plain numbers without commas, £ or % (for example 1585845), or null for no figure',
  }),
  unknownColumn: (key: string, suggestion: string | undefined): MessageText => ({
    ruleId: 'schema:unknown-column',
    message: suggestion ? `Unknown column \`${key}\`, did you mean \`${suggestion}\`?` : `Unknown column \`${key}\``,
    hint: 'every key in a row must be one of the `columns` keys',
  }),
  duplicate: (what: string, name: string): MessageText => ({
    ruleId: 'schema:duplicate',
    message: `Duplicate ${what} \`${name}\``,
    hint: `each ${what} must be unique: rename or remove one`,
  }),
};

export const budgetMessages = {
  statedTotalDiffers: (what: string, stated: string, computed: string): MessageText => ({
    ruleId: 'budget:stated-total',
    severity: 'warning',
    message: `The stated ${what} ${stated} disagrees with the total of its cells, ${computed}`,
    hint: 'check the cells against the source; the table shows the computed total',
  }),
  unknownStated: (key: string): MessageText => ({
    ruleId: 'budget:unknown-total',
    message: `Stated total \`${key}\` names no column`,
    hint: 'use a column key, or `total` for the grand total',
  }),
};

export const reviewMessages = {
  outcomeToBeSupplied: (action: string): MessageText => ({
    ruleId: 'review:outcome-to-be-supplied',
    severity: 'warning',
    message: `How the action “${action.length > 60 ? `${action.slice(0, 57)}…` : action}” went is still to be supplied`,
    hint: 'add `outcome:` under the action, saying what was done and what changed (and `status:` done, in-progress, carried-forward or not-started)',
  }),
};
