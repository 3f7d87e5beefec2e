/**
 * The sample plan is told in its own words: facts and figures come from the
 * published plan it reconstructs, its sentences do not. The text read is what a
 * reader sees: the Markdown of every section, the text fields of every data file
 * and of plan.yaml (its title and colophon). No run of eight or more words may be
 * shared with the source outside the names and titles below, and the words of
 * the shared runs, less the names in them, stay under 2% of the sample's words.
 *
 * The share leaves out the names themselves because the owners of actions are
 * kept exactly as the source has them, and a joint owner ("Service Manager YOT &
 * EBH and MI Team") is a run of eight words made of two names and an "and". Both
 * shares are printed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/plan-dir.ts';
import { collapseNames, dataBlocks, markdownBlocks, NUMBER, sharedRuns, words, type Block, type Run } from './shared-runs.ts';

const RUN = 8;
const MAX_SHARE = 0.02;

// Beside the project, as CI and every developer have it; SAMPLE_SOURCE names another copy.
const sourceFile = process.env.SAMPLE_SOURCE ?? path.resolve(repoRoot, '../shared/seeds/000_0c190920bdf74002.txt');
const haveSource = existsSync(sourceFile);

/**
 * Names and titles the sample keeps exactly as the source has them: bodies,
 * programmes, documents, Acts, posts and the owners of actions. Each counts as
 * one word wherever it occurs.
 */
const NAMES = [
  // Documents and Acts
  'Rotherham Children and Young People\'s Plan 2016/19',
  'Safer Rotherham Partnership Plan 2018/21',
  'Youth Justice Board Business Plan 2019/20',
  'South Yorkshire Police and Crime Plan 2017/21',
  'Crime and Disorder Act 1998',
  'Rotherham Early Help Strategy 2016-2019',
  'Safer Rotherham Partnership Plan 2018 - 2021',
  'Joint Strategic Intelligence Analysis 2017: Evidence Base v2 2018',
  'National Standards for Youth Justice Services',
  'Modern Youth Offending Partnerships',
  'Rate of First Time Entrants into the Youth Justice System',
  'Number of entrants into the criminal justice system',
  // Bodies, boards and programmes
  'Rotherham Local Children\'s Safeguarding Board and sub-groups',
  'South and West Yorkshire Resettlement Consortium',
  'Child Criminal Exploitation (CCE) Sub-Regional Steering Group',
  'Regional Restorative Justice/Integrated Offender Management',
  'Early Help and Participation and Voice and Influence Team',
  'Domestic Abuse and other related offences',
  'Building Confident and Cohesive Communities',
  'South Yorkshire Youth Justice Partnerships Development Day',
  'Families for Change (Troubled Families)',
  'Taylor Review of Youth Justice',
  // Posts and owners of actions
  'Chair, Rotherham Youth Offending Team Board',
  'Assistant Director, Early Help, Rotherham Children\'s Services',
  'Assistant Director Early Help, Rotherham Children\'s Services',
  'Service Manager YOT & EBH',
  'Rotherham CCG C&YP Commissioning Manager',
  'Acting Head of Service – First Response',
  'Community Safety and YJ Operations Coordinator',
  'Voice and Influence Worker',
  'Voice and Inclusion Worker',
  'NHS England lead',
  'South Yorkshire Police',
  'YOT Management Board',
  'HOS Inclusion',
  'HOS Early Help',
  'MI Team',
];

function sampleBlocks(): Block[] {
  // plan.yaml's outline and settings are names for the build; its title and colophon are read.
  const plan = dataBlocks('plan.yaml', readFileSync(path.join(repoRoot, 'plan.yaml'), 'utf8'), ['outline', 'sections', 'file', 'period', 'status', 'version', 'language', 'numbering', 'published']);
  const blocks: Block[] = [...plan];
  for (const [folder, read] of [
    ['content', markdownBlocks],
    ['data', dataBlocks],
  ] as const) {
    for (const name of readdirSync(path.join(repoRoot, folder)).sort()) {
      if (!/\.(md|ya?ml)$/.test(name)) continue;
      const file = `${folder}/${name}`;
      blocks.push(...read(file, readFileSync(path.join(repoRoot, file), 'utf8')));
    }
  }
  return blocks;
}

const where = (run: Run): string => {
  const first = run.words[0];
  return first ? `${first.file}:${first.line}:${first.column}` : '?';
};

describe('the shared-run finder', () => {
  it('reads words as a reader does: case, hyphens, "&", glued cells and figures do not hide a run', () => {
    expect(words('Re-offending & the YOT FamilyService Manager: 27.5% in Q1').map((w) => w.word)).toEqual(
      ['reoffending', 'and', 'the', 'yot', 'family', 'service', 'manager', NUMBER, 'in', 'q', NUMBER],
    );
  });

  it('reads a figure as one number and a reference as its label, and skips a table directive', () => {
    const blocks = markdownBlocks('a.md', 'A fall of :value[custody.fall] (see :ref[tbl-custody]).\n\n::table{data=custody}\n');
    expect(blocks.map((b) => b.map((w) => w.word))).toEqual([['a', 'fall', 'of', NUMBER, 'see', 'table', NUMBER]]);
  });

  it('finds a run of eight words at its line and column, in Markdown and in a data file', () => {
    const source = words('the board will review the plan every quarter and report on it');
    const md = markdownBlocks('s.md', '# Title\n\nEach year the board will review the plan every quarter with care.\n');
    expect(sharedRuns(md, source, 8).map((r) => [r.text, r.words[0]?.line, r.words[0]?.column])).toEqual([
      ['the board will review the plan every quarter', 3, 11],
    ]);
    const data = dataBlocks('d.yaml', 'kind: review\nitems:\n  - outcome: |\n      We said that the board will review the plan every quarter.\n');
    expect(sharedRuns(data, source, 8).map((r) => [r.text, r.words[0]?.line, r.words[0]?.column])).toEqual([
      ['the board will review the plan every quarter', 4, 20],
    ]);
  });

  it('counts a name as one word, so a name alone is never a run but a sentence around it is', () => {
    const names = [words('Safer Rotherham Partnership Plan 2018/21')];
    const source = collapseNames(words('as set out in the Safer Rotherham Partnership Plan 2018/21 and the JSIA'), names);
    const alone = collapseNames(words('We follow the Safer Rotherham Partnership Plan 2018/21 closely.'), names);
    const copied = collapseNames(words('It is set out in the Safer Rotherham Partnership Plan 2018/21 and the JSIA.'), names);
    expect(sharedRuns([alone], source, 8)).toEqual([]);
    expect(sharedRuns([copied], source, 8).map((r) => r.words.length)).toEqual([8]);
  });
});

describe.skipIf(!haveSource)(`the sample in its own words (needs the source text at ${path.relative(repoRoot, sourceFile)})`, () => {
  it(`shares no run of ${RUN} or more words with its source outside names and titles, and under ${MAX_SHARE * 100}% beyond them`, () => {
    const blocks = sampleBlocks();
    const source = words(readFileSync(sourceFile, 'utf8'));
    const total = blocks.reduce((n, b) => n + b.length, 0);

    const names = NAMES.map((n) => words(n));
    const all = sharedRuns(blocks, source, RUN);
    const inRuns = all.reduce((n, r) => n + r.words.length, 0);
    // The words of each run that are not part of a name it holds.
    const beyondNames = all.reduce((n, r) => n + collapseNames(r.words, names).filter((w) => !w.word.startsWith('«')).length, 0);
    const share = beyondNames / total;

    const outside = sharedRuns(
      blocks.map((b) => collapseNames(b, names)),
      collapseNames(source, names),
      RUN,
    );

    console.info(
      `Shared with the source: ${all.length} runs of ${RUN}+ words, ${inRuns} of ${total} words (${((inRuns / total) * 100).toFixed(2)}%), ` +
        `${beyondNames} of them outside the names in the runs (${(share * 100).toFixed(2)}%); ${outside.length} runs outside names and titles.`,
    );
    expect(outside.map((r) => `${where(r)}  (${r.words.length} words)  ${r.text}`)).toEqual([]);
    expect(share).toBeLessThan(MAX_SHARE);
  });
});

if (!haveSource) {
  console.warn(`Skipped the own-words check: the source text is not at ${sourceFile} (set SAMPLE_SOURCE to its path).`);
}
