/**
 * A content stream as a list of operations, each with the byte range it spans (its operands and
 * its operator), so that marked-content operators can be put between operations without
 * re-serialising anything else. Only the lexical structure is read (ISO 32000-1, 7.2 and 8.9.7):
 * strings, names, arrays, dictionaries and inline images are skipped over whole, operands are
 * not interpreted. Neither pdf-lib nor pdf.js exposes such a reader with byte positions.
 */

export interface Operation {
  operator: string;
  /** Where the operation's first operand (or the operator, if it has none) begins. */
  start: number;
  /** Just past the operator (past EI for an inline image). */
  end: number;
}

const enum Char {
  Tab = 0x09, LineFeed = 0x0a, FormFeed = 0x0c, Return = 0x0d, Space = 0x20, Nul = 0x00,
  Percent = 0x25, OpenParen = 0x28, CloseParen = 0x29, Slash = 0x2f, Less = 0x3c, Greater = 0x3e,
  OpenBracket = 0x5b, CloseBracket = 0x5d, OpenBrace = 0x7b, CloseBrace = 0x7d, Backslash = 0x5c,
}

const isWhite = (c: number) => c === Char.Space || c === Char.LineFeed || c === Char.Return || c === Char.Tab || c === Char.FormFeed || c === Char.Nul;
const isDelimiter = (c: number) =>
  c === Char.OpenParen || c === Char.CloseParen || c === Char.Less || c === Char.Greater || c === Char.OpenBracket ||
  c === Char.CloseBracket || c === Char.OpenBrace || c === Char.CloseBrace || c === Char.Slash || c === Char.Percent;
const isRegular = (c: number) => !isWhite(c) && !isDelimiter(c);

export function operations(bytes: Uint8Array): Operation[] {
  const result: Operation[] = [];
  let i = 0;
  let start = -1; // where the pending operands began
  const n = bytes.length;
  while (i < n) {
    const c = bytes[i]!;
    if (isWhite(c)) {
      i++;
      continue;
    }
    if (c === Char.Percent) {
      while (i < n && bytes[i] !== Char.LineFeed && bytes[i] !== Char.Return) i++;
      continue;
    }
    const tokenStart = i;
    if (c === Char.OpenParen) i = skipLiteralString(bytes, i);
    else if (c === Char.Less && bytes[i + 1] === Char.Less) i += 2; // dictionary opens: its contents are tokens
    else if (c === Char.Greater && bytes[i + 1] === Char.Greater) i += 2;
    else if (c === Char.Less) i = indexOf(bytes, Char.Greater, i) + 1;
    else if (c === Char.Slash) {
      i++;
      while (i < n && isRegular(bytes[i]!)) i++;
    } else if (isDelimiter(c)) i++; // [ ] { }
    else {
      while (i < n && isRegular(bytes[i]!)) i++;
      const word = String.fromCharCode(...bytes.subarray(tokenStart, i));
      if (!isOperand(word)) {
        const operationStart = start >= 0 ? start : tokenStart;
        if (word === 'BI') {
          i = skipInlineImage(bytes, i);
          result.push({ operator: 'BI', start: operationStart, end: i });
        } else {
          result.push({ operator: word, start: operationStart, end: i });
        }
        start = -1;
        continue;
      }
    }
    if (start < 0) start = tokenStart;
  }
  return result;
}

/** Numbers and the keywords true, false and null are operands; any other bare word is an operator. */
function isOperand(word: string): boolean {
  return word === 'true' || word === 'false' || word === 'null' || /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word);
}

function skipLiteralString(bytes: Uint8Array, i: number): number {
  let depth = 0;
  for (; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === Char.Backslash) i++;
    else if (c === Char.OpenParen) depth++;
    else if (c === Char.CloseParen && --depth === 0) return i + 1;
  }
  return bytes.length;
}

/** From just past BI: the image's dictionary, ID, one white-space byte, the data, then EI standing alone. */
function skipInlineImage(bytes: Uint8Array, i: number): number {
  for (; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x49 && bytes[i + 1] === 0x44 && isWhite(bytes[i - 1] ?? Char.Space) && isWhite(bytes[i + 2] ?? Char.Space)) break;
  }
  for (i += 3; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x45 && bytes[i + 1] === 0x49 && isWhite(bytes[i - 1]!) && (i + 2 >= bytes.length || isWhite(bytes[i + 2]!))) return i + 2;
  }
  return bytes.length;
}

function indexOf(bytes: Uint8Array, byte: number, from: number): number {
  const at = bytes.indexOf(byte, from);
  return at < 0 ? bytes.length - 1 : at;
}
