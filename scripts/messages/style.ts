/** Messages about a plan's own stylesheets (templates/styles/*.css). */
import type { MessageText } from '../diagnostics/index.ts';
import type { CssProblem } from '../safety/css.ts';
import { markdownMessages } from './markdown.ts';
import { textMessages } from './text.ts';

export const styleMessages = {
  syntax: (detail: string): MessageText => ({
    ruleId: 'css:syntax',
    message: `The stylesheet cannot be read here: ${detail}`,
    hint: 'correct the CSS at this place; the part that cannot be read is left out of the page',
  }),
  atRule: (name: string): MessageText => ({
    ruleId: 'css:at-rule',
    message: `\`@${name}\` is not allowed in a plan's stylesheet`,
    hint: name === 'import'
      ? 'the page is one self-contained file: copy the rules into a stylesheet in templates/styles/ instead'
      : 'a plan\'s stylesheets may use @media, @supports, @page, @font-face, @keyframes, @layer and @container',
  }),
  func: (name: string): MessageText => ({
    ruleId: 'css:function',
    message: `\`${name}()\` is not allowed in a plan's stylesheet`,
    hint: 'the published page loads nothing from elsewhere and no picture from a file: use colours, gradients and the built-in fonts',
  }),
  unparsed: (text: string): MessageText => ({
    ruleId: 'css:syntax',
    message: `The stylesheet cannot be read here: \`${text}\``,
    hint: 'correct the CSS at this place; the part that cannot be read is left out of the page',
  }),
};

/** The message for one problem css.ts found in a plan's stylesheet; `remote` tells a URL on another site from a file's. */
export function cssProblemText(problem: CssProblem, remote: (url: string) => boolean): MessageText {
  switch (problem.kind) {
    case 'syntax':
      return styleMessages.syntax(problem.detail);
    case 'at-rule':
      return styleMessages.atRule(problem.detail);
    case 'function':
      return styleMessages.func(problem.detail);
    case 'url':
      // A relative URL would be fetched from beside the published page, where nothing is.
      return remote(problem.detail) ? markdownMessages.remoteResource(problem.detail) : markdownMessages.cssFileUrl(problem.detail);
    case 'unparsed':
      return styleMessages.unparsed(problem.detail);
    case 'invisible':
      return textMessages.invisible(problem.invisible?.kind ?? 'hidden', problem.detail, problem.place, problem.invisible?.escaped ? 'an escape' : undefined);
  }
}
