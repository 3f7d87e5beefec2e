/** Messages about a plan's own frame for its web pages (templates/site.html). */
import type { MessageText } from '../diagnostics/index.ts';

export const siteMessages = {
  noSlot: (): MessageText => ({
    ruleId: 'site:no-slot',
    message: 'templates/site.html has no `<!-- plan -->` to say where the plan goes',
    hint: 'put `<!-- plan -->` between the council\'s header and footer, on a line of its own',
  }),
  twoSlots: (): MessageText => ({
    ruleId: 'site:two-slots',
    message: 'templates/site.html has `<!-- plan -->` more than once',
    hint: 'keep one `<!-- plan -->`, where the plan goes; the pages hold the plan once',
  }),
  removed: (what: string): MessageText => ({
    ruleId: 'site:removed',
    severity: 'warning',
    message: `${what} in templates/site.html is left out of the pages`,
    hint: 'the pages run no scripts and load nothing from elsewhere: keep the frame to plain HTML (headings, paragraphs, lists and links), and style it in templates/styles/',
  }),
  slotInside: (tag: string): MessageText => ({
    ruleId: 'site:slot-inside',
    message: `\`<!-- plan -->\` is inside a \`<${tag}>\` in templates/site.html, which would hide, link or lay out the whole plan as part of it`,
    hint: 'put `<!-- plan -->` between the header and the footer, inside nothing but `<div>`, `<main>`, `<section>` or `<article>`',
  }),
  ownHeading: (): MessageText => ({
    ruleId: 'site:own-heading',
    severity: 'warning',
    message: 'templates/site.html has an `<h1>` of its own; each page has one already, the chapter\'s title, and a page should have only one',
    hint: 'make the council\'s name in the header a paragraph or a link, not a heading',
  }),
  mainRole: (): MessageText => ({
    ruleId: 'site:removed',
    severity: 'warning',
    message: '`role="main"` in templates/site.html is left out of the pages: the plan is the main content of each page',
    hint: 'give the council\'s header `role="banner"` or use `<header>`, and leave the main landmark to the plan',
  }),
};
