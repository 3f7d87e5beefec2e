/** Messages about the plan's files and outline. */
import type { MessageText } from '../diagnostics.ts';

export const planMessages = {
  missingPlanFile: (): MessageText => ({
    ruleId: 'plan:missing',
    message: 'No plan.yaml in this directory',
    hint: 'run the build in a plan directory (one holding plan.yaml, content/ and data/), or pass its path',
  }),
  missingSection: (file: string): MessageText => ({
    ruleId: 'outline:missing-file',
    message: `The outline names \`${file}\`, which does not exist`,
    hint: 'create the file, or correct the name in the outline',
  }),
  outsidePlan: (file: string): MessageText => ({
    ruleId: 'outline:outside-plan',
    message: `\`${file}\` is outside the plan's content/ directory`,
    hint: 'section files must be inside content/; use a path such as `overview.md`',
  }),
  duplicateId: (id: string): MessageText => ({
    ruleId: 'outline:duplicate-id',
    message: `The section id \`${id}\` is used twice`,
    hint: 'give each section its own id',
  }),
  tooDeep: (): MessageText => ({
    ruleId: 'outline:too-deep',
    message: 'Sections can be nested at most three levels deep',
    hint: 'move this section up a level',
  }),
  unreadable: (file: string, reason: string): MessageText => ({
    ruleId: 'file:unreadable',
    message: `\`${file}\` could not be read (${reason})`,
    hint: 'check the file exists and is readable',
  }),
  unusedSection: (file: string): MessageText => ({
    ruleId: 'outline:unused-file',
    severity: 'warning',
    message: `\`${file}\` is not in the outline, so it is not in the plan`,
    hint: 'add its id to `outline` in plan.yaml, or delete it',
  }),
};
