/**
 * The @page rules that carry words from the plan: the running header, the footer,
 * and the draft mark. Their look is in templates/styles/print.css; only the text
 * is here, because it comes from plan.yaml and must be escaped as CSS strings.
 */
import { documentTitle, type PdfMeta } from './meta.ts';

/**
 * A CSS string literal that is safe anywhere, including inside a <style> element:
 * quotes, backslashes, angle brackets, ampersands and control characters become
 * hexadecimal escapes, so no plan title can end the string or the style element.
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

export function pageRules(meta: PdfMeta): string {
  const header = cssString(documentTitle(meta));
  const footer = cssString(meta.authority);
  const draft = meta.status === 'draft';
  const mark = draft ? cssString('DRAFT') : 'none';
  return `@page {
  @top-left { content: ${header}; }
  @top-right { content: ${mark}; }
  @bottom-left { content: ${footer}; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); }
}
@page cover {
  @top-left { content: none; }
  @top-right { content: ${mark}; }
  @bottom-left { content: none; }
  @bottom-right { content: none; }
}
`;
}
