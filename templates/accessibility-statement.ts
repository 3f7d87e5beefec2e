/**
 * The accessibility statement, from an `accessibility` data file: the GOV.UK model statement,
 * adapted to a document. A part whose facts the data leaves out is never made up: it is shown as
 * "To be supplied", saying what is missing (the build lists it too, and refuses a final plan).
 *
 * Its headings carry `data-heading-depth` (1 is just below the section's own heading):
 * templates/section.ts gives them their level, which depends on where the section sits.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { formatDate } from '../scripts/output/template-kit.ts';
import type { AccessibilityData, StatementGap } from '../scripts/output/template-kit.ts';

export interface StatementOptions {
  /** Turns a text field that may hold Markdown into safe hast. */
  markdown: (text: string) => ElementContent[];
  /** What the data still lacks (none by default), each shown in its place as to be supplied. */
  gaps?: readonly StatementGap[] | undefined;
}

const STANDARD = 'Web Content Accessibility Guidelines version 2.2';
const WCAG_URL = 'https://www.w3.org/TR/WCAG22/';
const REGULATIONS = 'Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018';

/** The enforcement procedure: fixed wording, as the model statement gives it. Built afresh each time, as trees are never shared. */
const enforcement: Record<AccessibilityData['enforcement'], () => ElementContent[]> = {
  ehrc: () => [
    h('p', [
      `The Equality and Human Rights Commission (EHRC) is responsible for enforcing the ${REGULATIONS} (the ‘accessibility regulations’). If you’re not happy with how we respond to your complaint, contact the `,
      h('a', { href: 'https://www.equalityadvisoryservice.com/' }, 'Equality Advisory and Support Service (EASS)'),
      '.',
    ]),
  ],
  ecni: () => [
    h('p', [
      `The Equality Commission for Northern Ireland (ECNI) is responsible for enforcing the ${REGULATIONS} (the ‘accessibility regulations’) in Northern Ireland. If you’re not happy with how we respond to your complaint, contact the `,
      h('a', { href: 'https://www.equalityni.org/' }, 'Equality Commission for Northern Ireland'),
      '.',
    ]),
  ],
};

const compliance: Record<NonNullable<AccessibilityData['compliance']>, string> = {
  fully: 'is fully compliant with the',
  partially: 'is partially compliant with the',
  not: 'is not compliant with the',
};

const heading = (depth: 1 | 2, text: string): Element => h(depth === 1 ? 'h3' : 'h4', { dataHeadingDepth: depth }, text);

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A gap, marked as a :::to-be-supplied block is. */
const toBeSupplied = (gap: StatementGap): Element =>
  h('div.to-be-supplied', { role: 'note' }, [h('p.to-be-supplied-label', 'To be supplied'), h('p', `${capitalise(gap.text)}.`)]);

export function accessibilityStatement(data: AccessibilityData, options: StatementOptions): Element {
  const { organisation, document } = data;
  const gap = (part: StatementGap['part']): Element[] => (options.gaps ?? []).filter((g) => g.part === part).map(toBeSupplied);
  const Document = capitalise(document);
  const contacts: Element[] = [
    ...(data.email ? [h('li', ['email ', h('a', { href: `mailto:${data.email}` }, data.email)])] : []),
    ...(data.phone ? [h('li', ['call ', h('a', { href: `tel:${data.phone.replace(/[^\d+]/g, '')}` }, data.phone)])] : []),
  ];
  const dates = [
    data.prepared ? `This statement was prepared on ${formatDate(data.prepared)}.` : undefined,
    data.reviewed ? `It was last reviewed on ${formatDate(data.reviewed)}.` : undefined,
  ].filter((s) => s !== undefined);
  const tested = data.tested ? `${Document} was last tested on ${formatDate(data.tested)}${data['tested-by'] ? ` by ${data['tested-by']}` : ''}.` : undefined;

  const children: ElementContent[] = [
    h('p', [
      `This accessibility statement applies to ${document}`,
      ...(data.website ? [', published at ', h('a', { href: data.website }, data.website)] : []),
      `. ${organisation} publishes it as a web page and as a PDF.`,
    ]),

    heading(1, 'Using this plan'),
    h('p', `${organisation} wants as many people as possible to be able to use ${document}. The web page is made so that you can:`),
    h('ul', [
      h('li', 'change colours, contrast levels and fonts using your browser or device settings'),
      h('li', 'zoom in up to 400% without the text spilling off the screen'),
      h('li', 'move through it using just a keyboard'),
      h('li', 'listen to it using a screen reader'),
    ]),
    h('p', 'Every chart has a written description and its figures in a table. The PDF is tagged for screen readers and has a bookmark for every heading.'),
    h('p', [h('a', { href: 'https://mcmw.abilitynet.org.uk/' }, 'AbilityNet has advice on making your device easier to use'), ' if you have a disability.']),

    ...(contacts.length || gap('contact').length
      ? [
          heading(1, 'Feedback and contact information'),
          ...(contacts.length
            ? [h('p', `If you need ${document} in a different format like large print, easy read, audio recording or braille:`), h('ul', contacts)]
            : []),
          ...(data['response-days'] ? [h('p', `We’ll consider your request and get back to you in ${data['response-days']} working days.`)] : []),
          ...gap('contact'),
          ...(contacts.length
            ? [
                heading(1, 'Reporting accessibility problems with this plan'),
                h('p', `We’re always looking to improve the accessibility of ${document}. If you find any problems not listed in this statement, or think we’re not meeting accessibility requirements, contact us in one of the ways above.`),
              ]
            : []),
        ]
      : []),

    heading(1, 'Enforcement procedure'),
    ...enforcement[data.enforcement](),

    heading(1, 'Technical information about this plan’s accessibility'),
    h('p', `${organisation} is committed to making ${document} accessible, in accordance with the ${REGULATIONS}.`),
    ...(!data.compliance && gap('compliance').length ? [heading(2, 'Compliance status'), ...gap('compliance')] : []),
    ...(data.compliance
      ? [
          heading(2, 'Compliance status'),
          h('p', [
            `${Document} ${compliance[data.compliance]} `,
            // "AA" inside the link, where glossary terms are never marked up (the sample's AA is an appropriate adult).
            h('a', { href: WCAG_URL }, `${STANDARD} AA standard`),
            data.compliance === 'fully' ? '.' : data.compliance === 'partially' ? ', due to the non-compliances listed below.' : '. The non-compliances are listed below.',
          ]),
        ]
      : []),
    ...(data.issues.length
      ? [
          heading(2, 'Non-accessible content'),
          h('p', 'The content listed below is not accessible, for the following reasons.'),
          h(
            'ul',
            data.issues.map((item) =>
              h('li', [...options.markdown(item.description), ...(item.criterion ? [` This fails WCAG 2.2 success criterion ${item.criterion}.`] : [])]),
            ),
          ),
        ]
      : data.compliance && gap('compliance').length
        ? [heading(2, 'Non-accessible content'), ...gap('compliance')]
        : []),

    ...(dates.length || tested || gap('dates').length
      ? [
          heading(1, 'Preparation of this accessibility statement'),
          ...(dates.length ? [h('p', dates.join(' '))] : []),
          ...(tested ? [h('p', tested)] : []),
          ...gap('dates'),
        ]
      : []),
  ];
  return h('div.accessibility-statement', children);
}
