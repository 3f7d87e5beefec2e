/**
 * A build in a process of its own, for the signal test: prints a page that never
 * finishes loading and says "launched" once Chromium is up.
 * Usage: node --import tsx tests/browser/print-child.ts <out.pdf>
 */
import { printPdf } from '../../scripts/output/pdf/index.ts';
import { fixtureMeta, HANGING_HTML } from './fixture.ts';

const outFile = process.argv[2];
if (!outFile) throw new Error('usage: print-child.ts <out.pdf>');
{
  await printPdf(HANGING_HTML, {
    meta: fixtureMeta('draft'),
    outFile,
    timeoutMs: 60_000,
    log: (line) => {
      if (line.startsWith('pdf: Chrome')) console.log('launched');
    },
  }).catch((error: unknown) => {
    console.log(`failed: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
