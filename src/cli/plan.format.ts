import type { Expected, PlanResult } from '../planning/domain/planning.types';
import { type TextFormat, hours, percent, renderTable, yuan } from './render';

/** A plan for people: the steps, the expected hours and cost against the baseline, and what changed and why. */
export function formatPlan(result: PlanResult, format: TextFormat): string {
  const md = format === 'md';
  const heading = (text: string) => (md ? `## ${text}\n\n` : `${text}\n`);
  const out: string[] = [];

  out.push(md ? `# Clearance plan\n\n` : 'Clearance plan\n');
  const applied = result.reforms.length ? result.reforms.map((r) => r.id).join(', ') : 'none (baseline)';
  out.push(`Declaration class: ${result.declarationClass}\n`);
  if (result.option !== null) out.push(`Option: ${result.option}\n`);
  out.push(`Reforms applied: ${applied}\n`);
  for (const n of result.notApplied) out.push(`Not applied: ${n.reform}: ${n.reason}\n`);
  out.push('\n');

  out.push(heading('Expected (no queueing)'));
  out.push(
    renderTable(
      format,
      ['', 'this plan', 'baseline'],
      [
        ['hours to release', hours(result.expected.hoursToRelease), hours(result.baseline.expected.hoursToRelease)],
        ['hours to exit', hours(result.expected.hoursToExit), hours(result.baseline.expected.hoursToExit)],
        ['hours to complete', hours(result.expected.hoursToComplete), hours(result.baseline.expected.hoursToComplete)],
        [`cost (${result.expected.cost.currency})`, yuan(result.expected.cost.totalMinor), yuan(result.baseline.expected.cost.totalMinor)],
      ],
      ['left', 'right', 'right'],
    ),
  );
  out.push(`Critical path to release: ${result.expected.criticalPath.join(' > ')}\n\n`);

  out.push(heading('Steps'));
  out.push(
    renderTable(
      format,
      ['step', 'interval', 'actor', 'location', 'probability', 'start h', 'finish h', 'release waits'],
      result.plan.steps.map((s) => [
        s.id,
        s.interval,
        s.actor,
        s.site ? `${s.location} (${s.site})` : s.location,
        percent(s.runProbability),
        hours(s.expectedStartHours),
        hours(s.expectedFinishHours),
        s.releaseWaits ? 'yes' : 'no',
      ]),
      ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'],
    ),
  );
  out.push('\n');

  out.push(heading(`Cost (${result.expected.cost.currency}, probability-weighted)`));
  out.push(costTable(result.expected, format));
  out.push('\n');

  out.push(heading(`Changes from the baseline (${result.changes.length})`));
  if (result.changes.length === 0) out.push('none\n');
  else if (md) {
    out.push(
      renderTable(
        format,
        ['reform', 'change', 'step', 'before', 'after', 'why', 'source'],
        result.changes.map((c) => [c.reform, c.kind, c.stepId, c.before, c.after, c.reason, c.source]),
      ),
    );
  } else {
    let reform: string | null = null;
    for (const c of result.changes) {
      if (c.reform !== reform) {
        reform = c.reform;
        out.push(`${c.reform}: ${c.clause}\n`);
      }
      out.push(`  - ${c.kind} ${c.stepId}: ${c.before} -> ${c.after}\n      why: ${c.reason} (source: ${c.source})\n`);
    }
  }
  return out.join('');
}

function costTable(expected: Expected, format: TextFormat): string {
  const rows: Array<Array<string | number>> = expected.cost.items.map((c) => [c.title, c.kind, c.stepId ?? '-', yuan(c.amountMinor), c.basis]);
  rows.push(['total', '', '', yuan(expected.cost.totalMinor), '']);
  return renderTable(format, ['item', 'kind', 'step', 'amount', 'basis'], rows, ['left', 'left', 'left', 'right', 'left']);
}
