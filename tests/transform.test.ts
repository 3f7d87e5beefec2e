import { describe, expect, it } from 'vitest';
import { planWith } from './helpers/plan-dir.ts';
import { transformPlan } from './helpers/pipeline.ts';

const intro = (body: string) => ({ 'content/introduction.md': `---\ntitle: Introduction\n---\n\n${body}\n` });

describe('transforming sections', () => {
  it('reads a figure in prose from data, formatted en-GB', async () => {
    const result = await transformPlan(await planWith('small'));
    expect(result.html('introduction')).toContain('<span class="data-value">1,234</span>');
    expect(result.html('money')).toContain('£3,000.50');
  });

  it('marks a glossary term as an abbreviation at its first use in each section only', async () => {
    const result = await transformPlan(await planWith('small', intro('The YJS met. The YJS met again.')));
    const html = result.html('introduction');
    expect(html.match(/<abbr title="Youth Justice Service">YJS<\/abbr>/g)).toHaveLength(1);
    expect(html).toContain('The YJS met again');
  });

  it('numbers tables and links a reference to them', async () => {
    const result = await transformPlan(await planWith('small'));
    expect(result.html('introduction')).toContain('<a class="xref" href="#tbl-education">Table\u00a01</a>');
    expect(result.html('education')).toContain('Table 1:');
  });

  it('reports an unknown directive at its line with the directive meant', async () => {
    const result = await transformPlan(await planWith('small', intro('Text.\n\n::tabel{data=education}')));
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'content/introduction.md', ruleId: 'directive:unknown', place: expect.objectContaining({ line: 7, column: 1 }), message: 'Unknown directive `tabel`, did you mean `table`?' }),
    );
  });

  it('says how many colons a known directive takes when it is written with the wrong number, at its place', async () => {
    const result = await transformPlan(await planWith('small', intro(':::table{data=education}\n:::\n\n::chart{#fig-x data=education spec=bar}\n\nWe saw :contents[x] here.')));
    const colons = result.diagnostics.filter((d) => d.ruleId === 'directive:colons');
    expect(colons.map((d) => [d.place?.line, d.place?.column, d.message])).toEqual([
      [5, 1, '`table` is written with two colons: `::table{…}`, not with three colons'],
      [8, 1, '`chart` is written with three colons: `:::chart{…}` … `:::`, not with two colons'],
      [10, 8, '`contents` is written with two colons: `::contents{…}`, not with one colon'],
    ]);
    expect(result.diagnostics.filter((d) => d.ruleId === 'directive:unknown')).toEqual([]);
  });

  it('reports a table naming missing data, and a value that points at nothing', async () => {
    const result = await transformPlan(await planWith('small', intro('::table{data=educaton}\n\nWe saw :value[figures.childen] children.')));
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'data:unknown', place: expect.objectContaining({ line: 5 }), message: 'No data file named `educaton`, did you mean `education`?' }));
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'value:unknown', place: expect.objectContaining({ line: 7, column: 8 }), message: 'No value `figures.childen`, did you mean `figures.children`?' }));
  });

  it('keeps a colon in running text that is not a directive', async () => {
    const result = await transformPlan(await planWith('small', intro('The ratio was 1:many at 10:30.')));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.html('introduction')).toContain('1:many at 10:30');
  });

  it('takes a colon before a name every object has (constructor, toString) as text or an unknown directive, never a crash', async () => {
    const result = await transformPlan(await planWith('small', intro('A ratio of 1:constructor here, and :toString[x]. <constructor src=\"x\">y</constructor>\n\n::constructor\n\n:::valueOf\nx\n:::')));
    expect(result.html('introduction')).toContain('1:constructor here');
    const unknown = result.diagnostics.filter((d) => d.ruleId === 'directive:unknown').map((d) => d.place?.line);
    expect(unknown).toEqual([5, 7, 9]);
  });

  it('removes scripts, event handlers and javascript: links from raw HTML, and says so', async () => {
    const result = await transformPlan(
      await planWith('small', intro('<script>alert(1)</script>\n\n<p onclick="steal()">Hi <a href="javascript:alert(1)">there</a></p>\n\n<iframe src="https://example.com"></iframe>')),
    );
    const html = result.html('introduction');
    expect(html).not.toMatch(/script|onclick|javascript:|iframe/i);
    expect(html).toContain('Hi');
    const rules = result.diagnostics.filter((d) => d.ruleId === 'html:unsafe').map((d) => d.place?.line);
    expect(rules).toEqual(expect.arrayContaining([5, 7, 9]));
  });

  it('places body headings below the section heading and warns of a skipped level', async () => {
    const result = await transformPlan(await planWith('small', intro('## Part\n\n#### Too deep')));
    const html = result.html('introduction');
    expect(html).toContain('<h3 id="part">Part</h3>');
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'heading:skipped', place: expect.objectContaining({ line: 7 }) }));
  });

  it('lists every place where content is still to be supplied', async () => {
    const result = await transformPlan(await planWith('small', intro(':::to-be-supplied\nThe chart of outcomes.\n:::')));
    expect(result.unfinished).toEqual([expect.objectContaining({ file: 'content/introduction.md', ruleId: 'section:to-be-supplied', place: expect.objectContaining({ line: 5 }) })]);
    expect(result.html('introduction')).toContain('class="to-be-supplied"');
  });
});
