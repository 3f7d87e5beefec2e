/**
 * What the terminal is given: a file's name, and words quoted from a file, are the plan's to
 * choose, so they are printed as text and never as instructions to the terminal.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli/index.ts';
import { printable } from '../../scripts/diagnostics/reporter.ts';
import { planWith } from '../helpers/plan-dir.ts';

describe('messages about a plan reach the terminal as text', () => {
  it('file names holding an escape sequence or a line break are printed with those escaped, so no line can be forged', async () => {
    const dir = await planWith('small');
    await writeFile(path.join(dir, 'data', 'x\u001b[2J\u001b]0;PWNED\u0007y.yaml'), 'kind: nope\n');
    await writeFile(path.join(dir, 'content', 'new\nline: fake  error  forged.md'), 'hi\n');
    const lines: string[] = [];
    await main(['check', dir], { out: (s) => lines.push(s), err: (s) => lines.push(s) });
    const output = lines.join('\n');
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(output).toContain('data/x\\x1b[2J\\x1b]0;PWNED\\x07y.yaml');
    expect(output).toContain('content/new\\nline: fake  error  forged.md');
    expect(output.split('\n').some((line) => line.startsWith('line: fake'))).toBe(false);
  });

  it('escapes controls and direction overrides, and leaves every other character as it is', () => {
    expect(printable('a\tb\r\u202Ec\u0085 – “Zoë” \u2067x\u2069')).toBe('a\\tb\\r\\u202ec\\x85 – “Zoë” \\u2067x\\u2069');
  });
});
