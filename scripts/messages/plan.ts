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
  folderOutsidePlan: (folder: string): MessageText => ({
    ruleId: 'file:outside-plan',
    message: `\`${folder}\` is a link to a folder outside the plan directory, so nothing in it is read`,
    hint: 'copy the folder into the plan directory instead of linking to it',
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
  twoExtensions: (first: string, second: string, name: string): MessageText => ({
    ruleId: 'file:two-files-one-name',
    message: `\`${first}\` and \`${second}\` are both \`${name}\`; only \`${first}\` would be read, and the other silently left out`,
    hint: `merge them into one file and delete the other (a file is known by its name, \`${name}\`, whatever the extension)`,
  }),
  planMisnamed: (file: string): MessageText => ({
    ruleId: 'plan:misnamed',
    message: `The plan's settings are in \`${file}\`, but yjplan reads only \`plan.yaml\``,
    hint: `rename \`${file}\` to \`plan.yaml\``,
  }),
  notAFile: (file: string, what: string): MessageText => ({
    ruleId: 'file:not-a-file',
    message: `\`${file}\` is ${what}, not an ordinary file, so it is not read`,
    hint: 'replace it with an ordinary text file (a pipe or a device would leave the build waiting for ever)',
  }),
  interrupted: (): MessageText => ({
    ruleId: 'build:interrupted',
    message: 'The build was stopped before it finished, so nothing was written',
    hint: 'the output folder still holds the last good build; run the build again to finish it',
  }),
  writeFailed: (dir: string, where: string, code: string, detail: string): MessageText => ({
    ruleId: 'build:write-failed',
    message: `The build could not be written to \`${dir}\` (${code} at \`${where}\`); nothing was written, and what was there before is as it was`,
    hint: writeHint(code) ?? `the system said: ${detail}`,
  }),
  unusedSection: (file: string): MessageText => ({
    ruleId: 'outline:unused-file',
    severity: 'warning',
    message: `\`${file}\` is not in the outline, so it is not in the plan`,
    hint: 'add its id to `outline` in plan.yaml, or delete it',
  }),
  periodInTitle: (title: string, period: string, full: string): MessageText => ({
    ruleId: 'plan:period-in-title',
    severity: 'warning',
    message: `The title “${title}” already holds the period ${period}, which is added to it again: the plan is titled “${full}”`,
    hint: 'take the period out of `title`, or add `title-pattern: "{title}"` to plan.yaml so that the period is not added',
  }),
};

/** What to do about a file-system error, by its code: only what that code can mean. */
const writeHints: Record<string, string> = {
  ENOSPC: 'the disk is full: free some space, then build again',
  EDQUOT: 'your disk quota is used up: free some space, then build again',
  EACCES: 'you may not write there: choose another folder with `--out`, or ask for write access',
  EPERM: 'the system does not allow writing there: choose another folder with `--out`',
  EROFS: 'that disk is read-only: choose another folder with `--out`',
  ENAMETOOLONG: 'a folder or file name there is too long for the disk: choose a shorter `--out` path',
  ENOTDIR: 'part of that path is a file, not a folder: choose another folder with `--out`',
  EEXIST: 'something already has that name: choose another folder with `--out`',
  ENOENT: 'a folder on that path disappeared while building: build again',
  EBUSY: 'the folder is in use by another program (a file browser or a web server, perhaps): close it, then build again',
  EXDEV: 'the output folder is a mount point, so it cannot be swapped whole: choose a folder inside it with `--out`',
  EMFILE: 'too many files are open: close other programs, then build again',
  EIO: 'the disk reported an error: check it, then build again',
};

export const writeHint = (code: string | undefined): string | undefined => (code !== undefined && Object.hasOwn(writeHints, code) ? writeHints[code] : undefined);
