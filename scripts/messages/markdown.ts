/** Messages about Markdown sections and their directives. */
import type { MessageText } from '../diagnostics/index.ts';
import { MAX_BLOCKS, MAX_FENCE_DEPTH, MAX_FENCES, MAX_INLINE_MARKERS, type TextProblem } from '../safety/limits.ts';

/** The three ways a directive is written: `:name` in the text, `::name` on a line, `:::name` around a block. */
export type DirectiveForm = 'textDirective' | 'leafDirective' | 'containerDirective';
const FORMS: Record<DirectiveForm, { colons: string; example: (name: string) => string; hint: string }> = {
  textDirective: { colons: 'one colon', example: (n) => `\`:${n}[…]\``, hint: 'it stands inside a sentence, with one colon before its name' },
  leafDirective: { colons: 'two colons', example: (n) => `\`::${n}{…}\``, hint: 'it stands on a line of its own, with two colons before its name, and has no closing `:::`' },
  containerDirective: { colons: 'three colons', example: (n) => `\`:::${n}{…}\` … \`:::\``, hint: 'it wraps a block: three colons before its name, and a line of `:::` where the block ends' },
};

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export const markdownMessages = {
  noFrontMatter: (): MessageText => ({
    ruleId: 'section:front-matter',
    message: 'This section has no front matter',
    hint: 'start the file with three lines: `---`, `title: Your section title`, `---`',
  }),
  unknownDirective: (name: string, suggestion: string | undefined): MessageText => ({
    ruleId: 'directive:unknown',
    message: suggestion ? `Unknown directive \`${name}\`, did you mean \`${suggestion}\`?` : `Unknown directive \`${name}\``,
    hint: 'the directives are ::table, :::chart, :value, :ref, ::contents, ::accessibility-statement and :::to-be-supplied',
  }),
  wrongColons: (name: string, written: DirectiveForm, form: DirectiveForm): MessageText => ({
    ruleId: 'directive:colons',
    message: `\`${name}\` is written with ${FORMS[form].colons}: ${FORMS[form].example(name)}, not with ${FORMS[written].colons}`,
    hint: FORMS[form].hint,
  }),
  missingAttribute: (directive: string, attribute: string, example: string): MessageText => ({
    ruleId: 'directive:attribute',
    message: `\`${directive}\` needs a \`${attribute}\``,
    hint: `for example \`${example}\``,
  }),
  unknownData: (name: string, suggestion: string | undefined): MessageText => ({
    ruleId: 'data:unknown',
    message: suggestion ? `No data file named \`${name}\`, did you mean \`${suggestion}\`?` : `No data file named \`${name}\``,
    hint: `create data/${name}.yaml, or use the name of a file in data/`,
  }),
  notATable: (name: string, kind: string): MessageText => ({
    ruleId: 'data:not-a-table',
    message: `\`${name}\` is a \`${kind}\` file, which has no table`,
    hint: 'use :value[…] for figures from a values file',
  }),
  notAStatement: (name: string, kind: string): MessageText => ({
    ruleId: 'data:not-a-statement',
    message: `\`${name}\` is a \`${kind}\` file, not an accessibility statement`,
    hint: 'point `::accessibility-statement` at a data file with `kind: accessibility`, for example `::accessibility-statement{data=accessibility}`',
  }),
  unknownRef: (id: string, suggestion: string | undefined): MessageText => ({
    ruleId: 'ref:unknown',
    message: suggestion ? `Nothing has the id \`${id}\`, did you mean \`${suggestion}\`?` : `Nothing has the id \`${id}\``,
    hint: 'a reference names a chart or table by its #id, for example :ref[fig-custody]',
  }),
  duplicateId: (id: string): MessageText => ({
    ruleId: 'ref:duplicate-id',
    message: `The id \`${id}\` is used twice`,
    hint: 'give each chart, table and section its own id',
  }),
  toBeSupplied: (section: string): MessageText => ({
    ruleId: 'section:to-be-supplied',
    severity: 'warning',
    message: `Content still to be supplied in “${section}”`,
    hint: 'replace the :::to-be-supplied block with the content before the plan is final',
  }),
  headingLevel: (depth: number): MessageText => ({
    ruleId: 'heading:level',
    severity: 'warning',
    message: `A level-${depth} heading (${'#'.repeat(depth)}) is not allowed in a section body`,
    hint: 'the section title comes from front matter; start headings inside a section at ##',
  }),
  htmlDuplicateId: (id: string): MessageText => ({
    ruleId: 'html:duplicate-id',
    message: `The id \`${id}\` is already used on the page (by a section, a heading, a table or a figure): links, the contents and screen readers would go to one of them only`,
    hint: 'give this element another id, or none',
  }),
  unreadDirective: (start: string): MessageText => ({
    ruleId: 'directive:unreadable',
    message: `This line starts like a \`${start}\` block but cannot be read as one, so it would be published as text`,
    hint: 'check its {…} attributes: each is name=value or #id, a value with spaces is in double quotes, and the braces and quotes are closed',
  }),
  htmlHeading: (depth: number): MessageText => ({
    ruleId: 'heading:html',
    message: `A heading written as HTML (<h${depth}>) takes no place in the plan's outline: it is not numbered, listed in the contents or set below its section's heading`,
    hint: 'write it as a Markdown heading (## Heading, ### Subheading) instead',
  }),
  skippedHeading: (from: number, to: number): MessageText => ({
    ruleId: 'heading:skipped',
    severity: 'warning',
    message: `Heading level jumps from ${'#'.repeat(from)} to ${'#'.repeat(to)}`,
    hint: `use ${'#'.repeat(from + 1)} here, so screen-reader users can follow the structure`,
  }),
  brokenLink: (target: string): MessageText => ({
    ruleId: 'link:broken',
    message: `The link target \`#${target}\` does not exist`,
    hint: 'link to a section id (as in plan.yaml) or a chart or table #id',
  }),
  fileLink: (url: string): MessageText => ({
    ruleId: 'link:file',
    severity: 'warning',
    message: `The link to \`${url}\` names a file, which is not published with the plan: its words are kept, without the link`,
    hint: 'link to a web address (https://…) where the file is published, or to a part of the plan (#id)',
  }),
  remoteResource: (url: string): MessageText => ({
    ruleId: 'resource:remote',
    message: `\`${url}\` would be loaded from another site`,
    hint: 'the published plan loads nothing from elsewhere: save the file in the plan directory and link to it there',
  }),
  missingResource: (file: string): MessageText => ({
    ruleId: 'resource:missing',
    message: `The image \`${file}\` does not exist in the plan directory`,
    hint: 'check the file name and that the image sits inside the plan directory',
  }),
  pipeTable: (): MessageText => ({
    ruleId: 'markdown:pipe-table',
    severity: 'warning',
    message: 'A Markdown table has no number, no caption and no row headers, so screen readers cannot navigate it and nothing can refer to it',
    hint: 'move its figures into a data file (data/<name>.yaml, kind: table, with a caption and a `header: true` column) and write `::table{#tbl-name data=<name>}` here',
  }),
  unsafeSvg: (file: string, removed: readonly string[]): MessageText => ({
    ruleId: 'image:unsafe-svg',
    severity: 'warning',
    message: `The SVG picture \`${file}\` held ${removed.slice(0, 6).map((r) => (r.startsWith('<') ? `\`${r}\`` : r.replace(/^the (.*) attribute$/, 'the `$1` attribute'))).join(', ')}${removed.length > 6 ? ` and ${removed.length - 6} more` : ''}, which could run, load or link to something; the picture was published without ${removed.length === 1 ? 'it' : 'them'}`,
    hint: 'check the picture still shows what it should, and save it again without scripts, links, animation, filters or pictures from elsewhere (a drawing program\'s "plain SVG" export)',
  }),
  unsafeUrl: (scheme: string, allowed: readonly string[]): MessageText => ({
    ruleId: 'html:unsafe',
    severity: 'warning',
    message: `Removed unsafe HTML: a ${scheme}: URL (the page keeps the words, without the link)`,
    hint: `a link may start ${allowed.map((s) => `${s}:`).join(', ')}, or be a path or #anchor; scripts and files on one computer are never linked from the page`,
  }),
  definitionInField: (kind: 'footnote' | 'link', label: string): MessageText => ({
    ruleId: 'markdown:definition-in-field',
    severity: 'warning',
    message: `This text defines the ${kind} \`${kind === 'footnote' ? `[^${label}]` : `[${label}]`}\`, but each text in a data file is read on its own, so nothing uses it and it is not published`,
    hint:
      kind === 'footnote'
        ? `put the note and its reference in the same text (\`… [^${label}] …\\n\\n[^${label}]: the note\`), or write the note as a sentence of its own`
        : 'write the link where it is used: `[words](https://…)`',
  }),
  unsafeHtml: (what: string): MessageText => ({
    ruleId: 'html:unsafe',
    severity: 'warning',
    message: `Removed unsafe HTML: ${what}`,
    hint: 'write the content in Markdown; scripts, frames and event handlers are never published',
  }),
  tooComplex: (kind: TextProblem['kind']): MessageText => ({
    ruleId: 'markdown:too-complex',
    message: {
      indent: 'This line is indented too deeply to be read (lists nested about 60 levels deep)',
      quotes: 'This line opens too many quotes or lists inside one another to be read',
      delimiters: 'This line has a run of more than 100 `*`, `_` or `[`, too many to be read',
      markers: `This paragraph has too many of one kind of marker (more than ${MAX_INLINE_MARKERS} \`*\`, \`_\` or \`~\`, \`<\` or backticks; or more than ${MAX_INLINE_MARKERS / 3} \`[\`) to be read in good time; it stops here`,
      'file-markers': 'This file has so many paragraphs crowded with markers (`*`, `_`, `~`, `[`, `<` or backticks) that it cannot be read in good time; it stops here',
      'fenced-lines': `This file has too many lines inside \`:::\` blocks nested in one another to be read in good time; it stops here`,
      fences: `This file has more than ${MAX_FENCES} \`:::\` lines, too many to be read in good time; it stops here`,
      'fence-depth': `This \`:::\` block is opened inside ${MAX_FENCE_DEPTH} others that are still open`,
      blocks: `This file has more than ${MAX_BLOCKS.toLocaleString('en-GB')} paragraphs, headings, list items and other blocks, too many to be read in good time; it stops here`,
    }[kind],
    hint: {
      indent: 'nest lists and quotes a few levels at most',
      quotes: 'nest lists and quotes a few levels at most',
      delimiters: 'remove the run, or write it inside `code` if it is meant literally',
      markers: 'split the paragraph, or write literal symbols inside `code`; check for markers that were pasted by mistake',
      fences: 'split the section into several files, or check for `:::` lines pasted by mistake',
      'file-markers': 'split the section into several files, or write literal symbols inside `code`',
      'fenced-lines': 'close each `:::` block where it ends; check for an opening line with no closing `:::`',
      'fence-depth': 'close each block with its own `:::` line before opening the next',
      blocks: 'split the section into several sections in plan.yaml\'s outline, or check for text pasted many times over',
    }[kind],
  }),
  sectionTooLong: (chars: number, limit: number): MessageText => ({
    ruleId: 'markdown:too-long',
    message: `This section is ${Math.round(chars / 1024)} KB of text, more than the ${Math.round(limit / 1024)} KB one section may hold`,
    hint: 'split it into several sections in plan.yaml\'s outline',
  }),
  sectionsTooLong: (chars: number, limit: number): MessageText => ({
    ruleId: 'markdown:too-long',
    message: `With this section, the plan's sections come to ${Math.round(chars / 1024)} KB of text, more than the ${Math.round(limit / 1024)} KB a plan may hold`,
    hint: 'a plan this long is more than one document: check for text pasted twice, or move appendices into a plan of their own',
  }),
  tooDeep: (what: 'Markdown' | 'HTML'): MessageText => ({
    ruleId: what === 'HTML' ? 'html:too-deep' : 'markdown:too-deep',
    message: `The ${what} here is nested too deeply (more than 100 levels) to be built`,
    hint: 'check for tags, lists or quotes that are opened and never closed',
  }),
  remoteImageInData: (url: string): MessageText => ({
    ruleId: 'resource:remote',
    message: `\`${url}\` would be loaded from another site`,
    hint: 'the published plan loads nothing from elsewhere: remove the image from the data file',
  }),
  imageInData: (url: string): MessageText => ({
    ruleId: 'resource:in-data',
    severity: 'warning',
    message: `The image \`${url}\` in a data file is not shown: images go in the sections' Markdown`,
    hint: 'move the image into a section, next to the table',
  }),
  cssFileUrl: (url: string): MessageText => ({
    ruleId: 'resource:css-url',
    message: `\`${url}\` would be fetched from beside the published page, where it is not: the page is one self-contained file`,
    hint: 'remove it: a plan\'s stylesheets load no files; put a picture in a section\'s Markdown, where it is embedded',
  }),
  resourceOutsidePlan: (url: string): MessageText => ({
    ruleId: 'resource:outside-plan',
    message: `\`${url}\` is outside the plan directory, so it is not read`,
    hint: 'copy the image into the plan directory (for example images/) and give its path from the Markdown file',
  }),
  imageTooLarge: (file: string, bytes: number, limit: number, kind = 'picture'): MessageText => ({
    ruleId: 'resource:too-large',
    message: `\`${file}\` is ${megabytes(bytes)}; one ${kind} may be at most ${megabytes(limit)}`,
    hint: 'save a smaller copy (a width of 2000 pixels is plenty for print; JPEG for photographs) and point to that',
  }),
  svgInvisible: (file: string, code: string): MessageText => ({
    ruleId: 'resource:invisible-character',
    message: `\`${file}\` holds an invisible ${code} in its text, which would make the picture show other words than its file holds`,
    hint: 'remove the character from the picture (open it in a text editor, or export it again), then build again',
  }),
  svgTooIntricate: (file: string, limit: number): MessageText => ({
    ruleId: 'resource:too-intricate',
    message: `\`${file}\` draws more than ${limit.toLocaleString('en-GB')} shapes once its \`<use>\` copies are counted (or copies itself), more than a page can show`,
    hint: 'export the picture again without nested symbols or copies (most drawing programs can "expand" or "flatten" them), or save it as a PNG',
  }),
  imagesTooLarge: (file: string, bytes: number, limit: number): MessageText => ({
    ruleId: 'resource:too-large',
    message: `With \`${file}\`, the plan's pictures come to ${megabytes(bytes)}, more than the ${megabytes(limit)} one page can hold`,
    hint: 'save smaller copies of the largest pictures, or show fewer; a picture shown twice counts twice',
  }),
  notAnImage: (file: string): MessageText => ({
    ruleId: 'resource:not-an-image',
    message: `\`${file}\` is not a PNG, JPEG, GIF, WebP or SVG image`,
    hint: 'save the image in one of those formats, with the matching file extension',
  }),
  statusDraftOnFinal: (): MessageText => ({
    ruleId: 'plan:final-incomplete',
    message: 'The plan is marked final but still has content to be supplied',
    hint: 'supply the missing content, or set `status: draft` in plan.yaml',
  }),
};

export const editorialMessages = {
  typedFigure: (figure: string): MessageText => ({
    ruleId: 'value:typed',
    severity: 'warning',
    message: `The figure ${figure} is typed into the text, so it will not change when the data does`,
    hint: 'quote it from its data file with :value[…] (a figure in no table goes once in a values file, such as data/headline-figures.yaml); write a number that is not a figure, such as a count of weeks, in words',
  }),
  termNotInGlossary: (term: string): MessageText => ({
    ruleId: 'glossary:missing-term',
    severity: 'warning',
    message: `\`${term}\` looks like an abbreviation but is not in the glossary`,
    hint: `add it to the glossary (term: ${term}, definition: what it stands for), or spell it out`,
  }),
  termNeverUsed: (term: string): MessageText => ({
    ruleId: 'glossary:unused-term',
    severity: 'warning',
    message: `The glossary term \`${term}\` is not used anywhere in the plan`,
    hint: 'remove it from the glossary, or check its spelling and `match` forms',
  }),
};
