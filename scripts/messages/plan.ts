/** Messages about the plan's files and outline. */
import type { MessageText } from '../diagnostics/index.ts';

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
  notInOutline: (file: string, id: string): MessageText => ({
    ruleId: 'outline:unlisted-file',
    severity: 'warning',
    message: `\`${file}\` is not in the outline, so it is not part of the plan`,
    hint: /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)
      ? `add \`${id}\` to the outline in plan.yaml where the section belongs, or delete the file`
      : `add \`{ id: …, file: ${file.slice('content/'.length)} }\` to the outline in plan.yaml where the section belongs, or delete the file`,
  }),
  outsidePlan: (file: string): MessageText => ({
    ruleId: 'outline:outside-plan',
    message: `\`${file}\` is outside the plan's content/ directory`,
    hint: 'section files must be inside content/; use a path such as `overview.md`',
  }),
  linkOutsidePlan: (file: string): MessageText => ({
    ruleId: 'file:outside-plan',
    message: `\`${file}\` is a link to a file outside the plan directory, which is not read`,
    hint: 'copy the file into the plan directory instead of linking to it',
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
  interrupted: (): MessageText => ({
    ruleId: 'build:interrupted',
    message: 'The build was stopped before it finished, so nothing was written',
    hint: 'out/ still holds the last good build; run the build again to finish it',
  }),
  writeFailed: (dir: string, reason: string): MessageText => ({
    ruleId: 'build:write-failed',
    message: `The build could not be written to \`${dir}\` (${reason}); the last good build there was kept`,
    hint: 'check that the disk has space and the directory is writable, then build again',
  }),
  unusedSection: (file: string): MessageText => ({
    ruleId: 'outline:unused-file',
    severity: 'warning',
    message: `\`${file}\` is not in the outline, so it is not in the plan`,
    hint: 'add its id to `outline` in plan.yaml, or delete it',
  }),
};
