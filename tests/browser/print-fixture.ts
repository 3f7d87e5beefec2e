/**
 * Prints the PDF fixture, to look at it: `tsx tests/browser/print-fixture.ts out.pdf [draft|final]`,
 * then `pdftoppm -png -r 50 out.pdf /tmp/pdfpages/p`.
 */
import { printPdf } from '../../scripts/output/pdf/index.ts';
import { fixtureHtml, fixtureMeta, type Status } from './fixture.ts';

const [outFile = 'fixture.pdf', status = 'draft'] = process.argv.slice(2);
if (status !== 'draft' && status !== 'final') throw new Error(`status must be draft or final, not ${status}`);
const html = await fixtureHtml(status as Status);
const result = await printPdf(html, { meta: fixtureMeta(status as Status), outFile, log: (line) => console.log(line) });
console.log(JSON.stringify(result, null, 2));
