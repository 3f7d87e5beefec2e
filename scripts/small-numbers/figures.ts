/**
 * Quoted figures under the small-numbers setting: `:value[…]` asks the plan's figures for a
 * figure, and this guard says whether that figure is withheld, and why, before it is shown.
 *
 *   a table's cell or total ── the table's protection (index.ts)
 *   a value               ── `people: true` and below the threshold
 *   a derived figure      ── a sum, or the figure itself, of counts of people below the threshold
 *                            is a small count; any figure worked out from a withheld one would
 *                            let it be worked out back, so it is withheld too
 */
import type { DataEntry } from '../load/index.ts';
import { figureText, type FigureOrigin, type Figures, type QuotedFigure, type Quote } from '../figures/quote.ts';
import { smallNumberMessages } from '../messages/small-numbers.ts';
import type { DerivedFigure } from '../schema/values.ts';
import { cellKey, isSmall, type Reason } from './grid.ts';
import type { Disclosure } from './index.ts';
import { proseOf } from './marks.ts';

interface Assessment {
  /** Whether the figure is a number of people. */
  people: boolean;
  reason?: Reason | undefined;
}

const none: Assessment = { people: false };

/** The figures a derived figure is worked out from, by name. */
function operands(def: DerivedFigure): string[] {
  if (def.difference) return [...def.difference];
  if (def.change) return [...def.change];
  if (def.share) return [...def.share];
  if (def.sum) return [...def.sum];
  if (def.size) return [def.size];
  if (def.figure) return [def.figure];
  return [];
}

export function guardFigures(figures: Figures, data: ReadonlyMap<string, DataEntry>, disclosure: Disclosure): Figures {
  const { below, action } = disclosure.setting;
  const memo = new Map<string, Assessment>();
  const working = new Set<string>();

  const assessRef = (ref: string): Assessment => {
    const quoted = figures.quote(ref);
    return quoted.ok ? assess(quoted.figure) : none;
  };

  function assess(figure: QuotedFigure): Assessment {
    const origin = figure.origin;
    if (!origin) return none;
    const key = JSON.stringify(origin);
    const known = memo.get(key);
    if (known) return known;
    // A derived figure that quotes itself is reported by the figures; here it withholds nothing.
    if (working.has(key)) return none;
    working.add(key);
    const result = assessOrigin(origin, figure);
    working.delete(key);
    memo.set(key, result);
    return result;
  }

  function assessOrigin(origin: FigureOrigin, figure: QuotedFigure): Assessment {
    const value = typeof figure.value === 'number' ? figure.value : null;
    switch (origin.kind) {
      case 'cell':
      case 'column-total':
      case 'row-total': {
        const protection = disclosure.protection(origin.data);
        if (!protection) return none;
        if (origin.kind === 'cell') return { people: protection.people.has(origin.column), reason: protection.grid.cells.get(cellKey(origin.row, origin.column)) };
        if (origin.kind === 'column-total') return { people: protection.people.has(origin.column), reason: protection.columnTotals.get(origin.column) };
        return { people: protection.allPeople, reason: protection.rowTotals.get(origin.row) };
      }
      case 'value': {
        const entry = data.get(origin.data)?.value;
        const v = entry?.kind === 'values' && Object.hasOwn(entry.values, origin.key) ? entry.values[origin.key] : undefined;
        const people = v !== undefined && 'people' in v && v.people === true && v.type === 'number';
        return { people, reason: people && isSmall(value, below) ? 'small' : undefined };
      }
      case 'derived': {
        const entry = data.get(origin.data)?.value;
        const def = entry?.kind === 'values' && entry.derived && Object.hasOwn(entry.derived, origin.key) ? entry.derived[origin.key] : undefined;
        if (!def) return none;
        const parts = operands(def).map(assessRef);
        // The figure itself, its size or a sum of counts is a count too; a difference, change or share is not.
        const people = parts.length > 0 && (def.sum !== undefined || def.size !== undefined || def.figure !== undefined) && parts.every((p) => p.people);
        if (people && isSmall(value === null ? null : Math.abs(value), below)) return { people, reason: 'small' };
        const withheld = parts.find((p) => p.reason);
        if (!withheld) return { people };
        return { people, reason: (def.figure !== undefined || def.size !== undefined) ? withheld.reason : 'reveals' };
      }
    }
  }

  function quote(ref: string): Quote {
    const quoted = figures.quote(ref);
    if (!quoted.ok) return quoted;
    const { reason } = assess(quoted.figure);
    if (!reason) return quoted;
    const prose = proseOf(reason, below);
    const shown = figureText(quoted.figure);
    const message =
      action === 'suppress'
        ? smallNumberMessages.shownAs(ref, prose)
        : reason === 'small'
          ? smallNumberMessages.quotedSmall(ref, shown, below)
          : smallNumberMessages.quotedReveals(ref, shown, below);
    return {
      ok: true,
      figure: {
        ...quoted.figure,
        // What the source states would give the figure away as surely as the figure.
        stated: action === 'suppress' ? undefined : quoted.figure.stated,
        withheld: { reason, action, prose, message },
      },
    };
  }

  return { quote, known: figures.known, check: figures.check };
}
