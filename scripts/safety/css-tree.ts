/**
 * css-tree's parser, walker, generator, lists and name escapes, and nothing else. The package's main
 * entry also builds its lexer (CSS value grammar) from mdn-data as it loads, which takes most of
 * a second of every build's start-up; the build never validates values against that grammar, so
 * it imports the parts it uses from their own entries instead. Same functions, same trees.
 */
import parseCss from 'css-tree/parser';
import walkCss from 'css-tree/walker';
import generateCss from 'css-tree/generator';

export type * from 'css-tree';
export const parse = parseCss;
export const walk = walkCss;
export const generate = generateCss;
export { ident, List } from 'css-tree/utils';
