/** Messages of `new`: what it was asked, and what the author is to do next. */
import type { MessageText } from '../diagnostics/index.ts';

export const newMessages = {
  /** A file or folder of last year's plan that `new --from` did not copy. */
  notCopied: (file: string, what: 'link' | 'not-a-file' | 'unreadable' | 'too-deep', detail?: string): MessageText => ({
    ruleId: 'new:not-copied',
    severity: 'warning',
    message:
      what === 'link'
        ? `\`${file}\` is a link, which is not copied into the new plan: a plan holds its own files, and a link could reach outside it`
        : what === 'not-a-file'
          ? `\`${file}\` is not a file (${detail ?? 'not a regular file'}), so it is not copied into the new plan`
          : what === 'too-deep'
            ? `\`${file}\` lies in folders nested deeper than any plan's, so it is not copied into the new plan`
            : `\`${file}\` could not be read (${detail ?? 'unreadable'}), so it is not copied into the new plan`,
    hint:
      what === 'link'
        ? 'if the new plan needs what the link points at, copy that file itself into the new plan, at the same place'
        : 'if the new plan needs it, copy what it should hold into the new plan by hand',
  }),
  dirNotEmpty: (dir: string): string => `${dir} already exists and is not empty: give a new folder for the plan, so nothing is overwritten.`,
  noDir: (): string => 'Give the folder to make the plan in, for example: yjplan new plan',
  noStructure: (file: string): MessageText => ({
    ruleId: 'structure:missing',
    message: `${file} does not exist`,
    hint: 'give --structure a folder that holds a structure.yaml',
  }),
  insideOld: (dir: string, from: string): string =>
    `${dir} is inside ${from}, or holds it: next year's plan goes in a folder of its own, beside last year's (for example ../next-year), not within it.`,
  notAPlan: (dir: string): string => `${dir} holds no plan.yaml: give the folder of last year's plan after --from.`,
  badPeriod: (period: string): string =>
    `The period “${period}” is not one yjplan can move on: write it as 2025/26, 2024/26, 2025-2026 or 2025.`,
  created: (dir: string, count: number, structure: string): string => `Made a new plan in ${dir} (${count} files), following “${structure}”.`,
  /** `fromLastYear`: the plan was made by `new --from`, so its details are filled in and a checklist says what to update. */
  nextSteps: (dir: string, command: string, fromLastYear = false): string => {
    // `npm run dev -- plan`, `yjplan dev plan`; nothing to add when the plan is the current folder.
    const at = dir ? ` ${command === 'npm run' ? '-- ' : ''}${dir}` : '';
    const here = dir ? `${dir}/` : '';
    return [
      'Next:',
      fromLastYear ? `  1. work down ${here}CHECKLIST.md, ticking each item as it is done` : `  1. put the authority, service and title in ${here}plan.yaml`,
      `  2. ${command} dev${at}    to see it as you write; every heading says what belongs there`,
      `  3. ${command} check${at}  to list what is still to be supplied`,
    ].join('\n');
  },
};
