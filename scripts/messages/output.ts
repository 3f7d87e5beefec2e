/** Messages about the output directory: where a build may write, and what it kept. */
import type { MessageText } from '../diagnostics/index.ts';

const chooseAnother = 'give `--out` a new folder (it is created), or one an earlier build made';

export const outputMessages = {
  empty: (): MessageText => ({
    ruleId: 'out:empty',
    message: '`--out` was given an empty folder name (an unset variable, perhaps), so nothing was built',
    hint: `leave \`--out\` out to build into the plan's out/, or ${chooseAnother}`,
  }),
  holdsPlan: (dir: string): MessageText => ({
    ruleId: 'out:holds-plan',
    message: `The output folder \`${dir}\` is the plan folder or holds it; a build replaces its output folder whole, so the plan would be lost`,
    hint: chooseAnother,
  }),
  holdsWorkingDir: (dir: string): MessageText => ({
    ruleId: 'out:holds-working-dir',
    message: `The output folder \`${dir}\` is the folder you are working in, or holds it; a build replaces its output folder whole, so it would be lost`,
    hint: chooseAnother,
  }),
  insidePlan: (dir: string, part: string): MessageText => ({
    ruleId: 'out:inside-plan',
    message: `The output folder \`${dir}\` lies inside the plan's \`${part}\`, which a build must never replace`,
    hint: "build into the plan's out/ (leave `--out` out), or into a folder outside the plan",
  }),
  notAFolder: (dir: string): MessageText => ({
    ruleId: 'out:not-a-folder',
    message: `The output folder \`${dir}\` is a file, not a folder`,
    hint: chooseAnother,
  }),
  notMade: (dir: string, marker: string, some: readonly string[]): MessageText => ({
    ruleId: 'out:not-made-by-yjplan',
    message: `The output folder \`${dir}\` already holds files (${some.join(', ')}) and was not made by a build (it has no \`${marker}\`), so it is not replaced`,
    hint: `${chooseAnother}; if the folder is only an old build's output, delete it yourself first`,
  }),
  copiedMarker: (dir: string, marker: string): MessageText => ({
    ruleId: 'out:copied-marker',
    message: `The output folder \`${dir}\` holds a \`${marker}\` that was not written in this folder (it was copied here, or the folder is a copy), so it is not replaced`,
    hint: `${chooseAnother}; if the folder is only a copy of an old build's output, delete it yourself first`,
  }),
  legacyMarker: (dir: string, marker: string, some: readonly string[]): MessageText => ({
    ruleId: 'out:old-marker',
    message: `The output folder \`${dir}\` holds the \`${marker}\` of an earlier yjplan, which does not show which folder it was made in, and it holds more than a build writes (${some.join(', ')}), so it is not replaced`,
    hint: `${chooseAnother}; if the folder is only an old build's output, delete it yourself first and build again`,
  }),
  linkOutOfPlan: (dir: string, real: string): MessageText => ({
    ruleId: 'out:link-out-of-plan',
    message: `The output folder \`${dir}\` is in the plan folder, but a link there leads it to \`${real}\`; a plan's own links do not choose where a build writes`,
    hint: 'give --out the real folder to build into, or remove the link from the plan folder',
  }),
  brokenLink: (dir: string): MessageText => ({
    ruleId: 'out:broken-link',
    message: `The output folder \`${dir}\` is a link to something that does not exist`,
    hint: chooseAnother,
  }),
  changedSince: (dir: string): MessageText => ({
    ruleId: 'out:changed',
    message: `The output folder \`${dir}\` changed while the plan was being built, and is no longer one a build made`,
    hint: 'nothing was replaced; build again',
  }),
};
