/** Reading a user's text file the same way everywhere: strict UTF-8, no BOM, LF line endings. */
import { readInside } from '../safety/read.ts';
import type { MessageText } from '../diagnostics/index.ts';
import { planMessages } from '../messages/plan.ts';
import { MAX_TEXT_FILE_BYTES } from '../safety/limits.ts';

export type TextResult = { ok: true; text: string } | { ok: false; reason: 'missing' | 'encoding' | 'unreadable' | 'outside' | 'not-a-file'; detail?: string | undefined };

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): TextResult {
  try {
    const text = decoder.decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'encoding' };
  }
}

/** A text file of the plan: read only if it is a regular file inside `root` (see safety/read.ts). */
export async function readText(absolute: string, root: string): Promise<TextResult> {
  // Measured on the open file first: one far larger than any plan's is refused unread.
  const read = await readInside(root, absolute, MAX_TEXT_FILE_BYTES);
  if (!read.ok) return read;
  return decodeText(read.bytes);
}

/** The message for a file that was found but not read (not for a missing one, which each caller words). */
export function unreadableText(file: string, result: Extract<TextResult, { ok: false }>): MessageText {
  if (result.reason === 'not-a-file') return planMessages.notAFile(file, result.detail ?? 'not a file');
  if (result.reason === 'outside') return planMessages.linkOutsidePlan(file);
  return planMessages.unreadable(file, result.detail ?? result.reason);
}
