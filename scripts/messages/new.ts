/** Messages of `new`: what it was asked, and what the author is to do next. */
export const newMessages = {
  dirNotEmpty: (dir: string): string => `${dir} already exists and is not empty: give a new folder for the plan, so nothing is overwritten.`,
  noDir: (): string => 'Give the folder to make the plan in, for example: yjplan new plan',
  notAPlan: (dir: string): string => `${dir} holds no plan.yaml: give the folder of last year's plan after --from.`,
  badPeriod: (period: string): string =>
    `The period “${period}” is not one yjplan can move on: write it as 2025/26, 2024/26, 2025-2026 or 2025.`,
  created: (dir: string, count: number, structure: string): string => `Made a new plan in ${dir} (${count} files), following “${structure}”.`,
  nextSteps: (dir: string, command: string): string => {
    // `npm run dev -- plan`, `yjplan dev plan`; nothing to add when the plan is the current folder.
    const at = dir ? ` ${command === 'npm run' ? '-- ' : ''}${dir}` : '';
    return [
      'Next:',
      `  1. put the authority, service and title in ${dir ? `${dir}/` : ''}plan.yaml`,
      `  2. ${command} dev${at}    to see it as you write; every heading says what belongs there`,
      `  3. ${command} check${at}  to list what is still to be supplied`,
    ].join('\n');
  },
};
