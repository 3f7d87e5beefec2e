/** Reading a user's text file the same way everywhere: strict UTF-8, no BOM, LF line endings. */
import { readFile } from 'node:fs/promises';

export type TextResult = { ok: true; text: string } | { ok: false; reason: 'missing' | 'encoding' | 'unreadable'; detail?: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): TextResult {
  try {
    const text = decoder.decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'encoding' };
  }
}

export async function readText(absolute: string): Promise<TextResult> {
  try {
    return decodeText(await readFile(absolute));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'missing' };
    return { ok: false, reason: 'unreadable', detail: code ?? String(error) };
  }
}
