/** Messages about characters in a plan's text that print as nothing or reorder the text around them. */
import type { MessageText, Place } from '../diagnostics/index.ts';
import type { InvisibleKind } from '../safety/invisible.ts';

const NAMES: Record<string, string> = {
  'U+202A': 'LEFT-TO-RIGHT EMBEDDING',
  'U+202B': 'RIGHT-TO-LEFT EMBEDDING',
  'U+202C': 'POP DIRECTIONAL FORMATTING',
  'U+202D': 'LEFT-TO-RIGHT OVERRIDE',
  'U+202E': 'RIGHT-TO-LEFT OVERRIDE',
  'U+2066': 'LEFT-TO-RIGHT ISOLATE',
  'U+2067': 'RIGHT-TO-LEFT ISOLATE',
  'U+2068': 'FIRST STRONG ISOLATE',
  'U+2069': 'POP DIRECTIONAL ISOLATE',
  'U+200B': 'ZERO WIDTH SPACE',
  'U+FEFF': 'ZERO WIDTH NO-BREAK SPACE',
  'U+200E': 'LEFT-TO-RIGHT MARK',
  'U+200F': 'RIGHT-TO-LEFT MARK',
  'U+061C': 'ARABIC LETTER MARK',
  'U+00AD': 'SOFT HYPHEN',
  'U+2060': 'WORD JOINER',
  'U+2061': 'FUNCTION APPLICATION',
  'U+2062': 'INVISIBLE TIMES',
  'U+2063': 'INVISIBLE SEPARATOR',
  'U+2064': 'INVISIBLE PLUS',
  'U+3164': 'HANGUL FILLER',
};

const named = (code: string): string => (NAMES[code] ? `${code} ${NAMES[code]}` : code);
const at = (place: Place): string => `line ${place.line}, column ${place.column}`;
/** What to delete: the character itself, or the reference or escape that writes it. */
const what = (written: string | undefined): string => (written === undefined ? 'the invisible character' : written === 'an escape' ? 'the escape that writes it in the value' : `\`${written}\``);
const how = (written: string | undefined): string => (written === undefined ? '' : written === 'an escape' ? ', written as an escape in this value,' : `, written as \`${written}\`,`);

export const textMessages = {
  /** `written`: how it is written when not as itself (`&#x202E;`, `\\u202E`, or 'an escape' when not found). */
  invisible: (kind: InvisibleKind, code: string, place: Place, written?: string): MessageText =>
    kind === 'control'
      ? {
          ruleId: 'text:control-character',
          message: `An invisible control character (${code})${how(written)} is in the text here; the page would publish it without showing it`,
          hint: `delete ${what(written)} at ${at(place)} (moving the cursor across it in an editor shows where it is); if it came from copying, paste as plain text`,
        }
      : kind === 'override'
        ? {
            ruleId: 'text:bidi-override',
            message: `An invisible ${named(code)}${how(written)} is in the text here: it lays out the letters after it backwards, so the page can read differently from the file`,
            hint: `delete ${what(written)} at ${at(place)}; to set right-to-left words in English text, write them as they are, or use an isolate (U+2067 … U+2069)`,
          }
        : kind === 'hidden'
          ? {
              ruleId: 'text:invisible-character',
              severity: 'warning',
              message: `An invisible ${/^U\+E00/.test(code) ? `${code} TAG character (it can carry words no reader sees)` : named(code)}${how(written)} is in the text here; it is published as it is, and splits the word it is in, so a search does not find it`,
              hint: `delete ${what(written)} at ${at(place)} (moving the cursor across it in an editor shows where it is); if it came from copying, paste as plain text`,
            }
          : {
            ruleId: 'text:bidi-control',
            severity: 'warning',
            message: `An invisible ${named(code)}${how(written)} is in the text here; it is published as it is, and changes the direction of the text around it`,
            hint: `if this text is not in a right-to-left language, delete ${what(written)} at ${at(place)}`,
          },
  moreInvisible: (count: number): MessageText => ({
    ruleId: 'text:control-character',
    message: `${count} more invisible characters of the kinds above are in this file`,
    hint: 'delete each of them; searching the file for them (or pasting it as plain text) finds them all',
  }),
};
