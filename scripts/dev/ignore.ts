/**
 * Files that editors write beside the real one while saving or as backups: changes to them are
 * not changes to the plan, so the preview does not rebuild for them.
 */
import path from 'node:path';

const temporary = [
  /^\./, //                    hidden files: .DS_Store, vim's .intro.md.swp, emacs' .#intro.md lock
  /^#.*#$/, //                 emacs auto-save
  /~$/, //                     backups: intro.md~
  /^4913$/, //                 vim's check that it may write the directory
  /\.(sw[a-p]|tmp|temp|bak|orig|crswap)$/i,
  /___jb_(tmp|old)___$/, //    JetBrains safe write
  /^~\$/, //                   Office lock files: ~$budget.xlsx
];

/** Whether `file` (absolute, or relative to `root`) is an editor's temporary file. */
export function isEditorTemp(root: string, file: string): boolean {
  const relative = path.relative(root, path.resolve(root, file));
  // The plan directory and what lies above it are never ignored, whatever their names.
  if (relative === '' || relative.startsWith('..')) return false;
  const name = path.basename(relative);
  return temporary.some((pattern) => pattern.test(name));
}
