/** Messages about small numbers: counts of people that may identify a child (plan.yaml `small-numbers`). */
import type { MessageText } from '../diagnostics/index.ts';

const decide = 'the decision to publish it is your information governance lead’s';

export const smallNumberMessages = {
  smallCell: (where: string, value: string, below: number): MessageText => ({
    ruleId: 'small-numbers:small-count',
    severity: 'warning',
    message: `${where} is ${value}, a count of fewer than ${below} people: published, it may identify a child`,
    hint: `${decide}; \`small-numbers: { action: suppress }\` in plan.yaml shows it as “<${below}”`,
  }),
  givesAway: (where: string, value: string, line: string, protects: string): MessageText => ({
    ruleId: 'small-numbers:gives-away',
    severity: 'warning',
    message: `If ${protects} were hidden alone, ${line} would still give it away: ${where} (${value}) has to be hidden too`,
    hint: 'with `action: suppress` the build hides this figure too, as “[c]”; if you hide counts by hand, hide this one as well',
  }),
  totalGivesAway: (line: string, protects: string): MessageText => ({
    ruleId: 'small-numbers:total-gives-away',
    severity: 'warning',
    message: `The total of ${line} gives away ${protects}: no other figure in it can be hidden to protect it`,
    hint: 'with `action: suppress` the build withholds that total wherever it is quoted; or combine this row or column with another',
  }),
  quotedSmall: (ref: string, value: string, below: number): MessageText => ({
    ruleId: 'small-numbers:small-count',
    severity: 'warning',
    message: `\`${ref}\` is ${value}, a count of fewer than ${below} people: quoted here, it may identify a child`,
    hint: `${decide}; \`small-numbers: { action: suppress }\` in plan.yaml shows “fewer than ${below}” here`,
  }),
  quotedReveals: (ref: string, value: string, below: number): MessageText => ({
    ruleId: 'small-numbers:gives-away',
    severity: 'warning',
    message: `\`${ref}\` (${value}) would let a count of fewer than ${below} people be worked out, even if that count were hidden`,
    hint: `${decide}; with \`action: suppress\` this figure is not shown here`,
  }),
  shownAs: (ref: string, shown: string): MessageText => ({
    ruleId: 'small-numbers:withheld',
    severity: 'info',
    message: `\`${ref}\` is withheld here: the sentence reads “${shown}” in its place`,
    hint: 'read the sentence again as it now reads, and reword it if it no longer makes sense',
  }),
  unmarked: (where: string, below: number): MessageText => ({
    ruleId: 'small-numbers:unmarked',
    severity: 'warning',
    message: `${where} has figures below ${below} but does not say whether it counts people`,
    hint: 'add `people: true` if each figure is a number of children or young people, or `people: false` if it is a rate or counts something else',
  }),
};
