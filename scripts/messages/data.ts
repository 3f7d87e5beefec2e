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
  versionIgnored: (version: string): MessageText => ({
    ruleId: 'yaml:version',
    severity: 'warning',
    message: `This file asks for YAML ${version}; plan files are always read as YAML 1.2, so merge keys (\`<<\`) and YAML ${version}'s own types are plain keys and text here`,
    hint: 'remove the `%YAML` line (and the `---` after it, if nothing else needs it)',
  }),
  unreadableValue: (detail: string): MessageText => ({
    ruleId: 'yaml:value',
    message: `A value in this file could not be read: ${detail}`,
    hint: 'write plain values (text, numbers, lists and maps) without `!` tags or `<<` merges',
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

export const tableMessages = {
  missingCell: (column: string, row: number): MessageText => ({
    ruleId: 'table:missing-cell',
    severity: 'warning',
    message: `Row ${row} has no cell for column \`${column}\``,
    hint: `add \`${column}:\` to the row, with \`null\` if there is no figure`,
  }),
  notADate: (column: string, detail: string): MessageText => ({
    ruleId: 'table:not-a-date',
    message: `Column \`${column}\` holds dates, but ${detail}`,
    hint: 'write the date as 2019-06-30, or null if there is none',
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

/** Figures quoted with `:value[…]` and worked out in a values file's `derived`. */
export const figureMessages = {
  statedDiffers: (what: string, stated: string, computed: string): MessageText => ({
    ruleId: 'value:stated',
    severity: 'warning',
    message: `${what} is stated as ${stated} in the source, but the data give ${computed}`,
    hint: 'check the data against the source; the page shows the worked-out figure, with a note giving the stated one',
  }),
  unknownFigure: (ref: string, suggestion: string | undefined): MessageText => ({
    ruleId: 'value:unknown',
    message: suggestion ? `No value \`${ref}\`, did you mean \`${suggestion}\`?` : `No value \`${ref}\``,
    hint: 'quote a figure as `file.key` (a values file), `file.row.column` (a table cell), `file.total.column` (a column total) or `plan.period`; the editing guide shows each',
  }),
  notAFigure: (ref: string, received: string): MessageText => ({
    ruleId: 'value:not-a-figure',
    message: `\`${ref}\` is ${received}, not a figure, so it cannot be worked with`,
    hint: 'point at a cell or value that holds a number',
  }),
  noFigure: (ref: string): MessageText => ({
    ruleId: 'value:no-figure',
    severity: 'warning',
    message: `\`${ref}\` holds no figure (the cell is empty or null)`,
    hint: 'fill in the cell in its data file, or quote another figure; the page shows a dash',
  }),
  divideByZero: (ref: string): MessageText => ({
    ruleId: 'value:divide-by-zero',
    message: `\`${ref}\` is 0, and a share or change cannot be worked out from 0`,
    hint: 'check the figures, or use `difference` instead',
  }),
  cycle: (name: string): MessageText => ({
    ruleId: 'value:cycle',
    message: `The derived figure \`${name}\` is worked out, in the end, from itself`,
    hint: 'work each derived figure out from figures in tables or values, not from one that depends on it',
  }),
  notATable: (name: string): MessageText => ({
    ruleId: 'value:not-a-table',
    message: `\`${name}\` is not a table, so its rows cannot be counted`,
    hint: 'name a data file of kind table or budget',
  }),
  planDetailMissing: (key: string): MessageText => ({
    ruleId: 'value:plan-detail',
    message: `plan.yaml has no \`${key}\` yet, so \`plan.${key}\` has nothing to show`,
    hint: `set \`${key}:\` in plan.yaml, or leave the figure out until it is known`,
  }),
  directiveNotRead: (field: string): MessageText => ({
    ruleId: 'directive:not-read',
    severity: 'warning',
    message: `A \`${field}\` is plain text: a directive in it is printed as it is written`,
    hint: 'write the words without :value[…] (a caption names what the table shows), and quote the figure in the text or a note',
  }),
  directiveInData: (name: string): MessageText => ({
    ruleId: 'directive:not-in-data',
    message: `\`${name}\` cannot be used inside a data file's text`,
    hint: 'text in data files may quote figures with :value[…] and link with :ref[…]; place tables and charts in a section',
  }),
};

const keyList = (keys: readonly string[]): string => {
  const quoted = keys.map((k) => `\`${k}:\``);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : (quoted[0] ?? '');
};

export const statementMessages = {
  /** `needs`: what the statement lacks, each in words; `keys`: the keys that supply them. */
  toBeSupplied: (needs: readonly string[], keys: readonly string[]): MessageText => ({
    ruleId: 'statement:to-be-supplied',
    severity: 'warning',
    message: `The accessibility statement still needs ${needs.join('; ')}`,
    hint: `add ${keyList(keys)} to this file; until then the statement shows each gap as “To be supplied”`,
  }),
  incomplete: (needs: readonly string[], keys: readonly string[]): MessageText => ({
    ruleId: 'statement:incomplete',
    message: `The plan is final, but its accessibility statement still needs ${needs.join('; ')}`,
    hint: `add ${keyList(keys)} to this file, or set \`status: draft\` in plan.yaml until they are known`,
  }),
};
