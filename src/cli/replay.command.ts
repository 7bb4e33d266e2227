// `swsim replay <scenario>`: replays a bundled scenario (by name) or a scenario file under its options
// and prints the report. A progress bar goes to stderr when stderr is a terminal, nothing otherwise,
// so the report on stdout (or in --out) is the same bytes either way. The report's warnings (declarations
// left unfinished, overloaded resources) are repeated on stderr, so they are seen even when the report
// goes to a file; the exit code stays 0, since the report is there to read.

import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { type ReplayProgress, runReplay } from '../replay/application/replay-runner';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '../reports/domain/render-report';
import type { Report } from '../reports/domain/report';
import { resolveScenario } from '../scenarios/application/scenario-loader';
import { UsageError, commaSeparated } from './plan-file';
import { referenceIndex } from './scenario.commands';

interface ReplayFlags {
  options?: string[];
  replications?: number;
  seed?: number;
  format: ReportFormat;
  out?: string;
}

function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

/** Writes the report file; a path that cannot be written is the user's to fix (exit 2), not a crash. */
function writeOut(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (error as Error).message;
    throw new UsageError(`swsim: cannot write --out ${file}: ${reason}`);
  }
}

export function addReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('replay a scenario (a bundled name, see `swsim scenarios`, or a .yaml file) under its options and print the report')
    .argument('<scenario>', 'bundled scenario name or scenario file')
    .addOption(new Option('-o, --options <ids>', "comma-separated option ids to compare instead of the scenario's (the first is the reference)").argParser(commaSeparated))
    .addOption(new Option('-n, --replications <n>', "replications instead of the scenario's").argParser(wholeNumber(1, 1000)))
    .addOption(new Option('-s, --seed <seed>', "seed instead of the scenario's").argParser(wholeNumber(0, 2 ** 32 - 1)))
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('table'))
    .addOption(new Option('--out <file>', 'write the report to this file instead of stdout'))
    .action(async (nameOrFile: string, flags: ReplayFlags) => {
      const ref = referenceIndex();
      const loaded = await resolveScenario(nameOrFile, ref);
      const unknown = (flags.options ?? []).filter((id) => !ref.options.has(id));
      if (unknown.length > 0) throw new UsageError(`swsim: unknown option(s) ${unknown.map((id) => `'${id}'`).join(', ')} in --options; see \`swsim options\``);
      if (flags.options?.length === 0) throw new UsageError('swsim: --options needs at least one option id');
      const scenario = {
        ...loaded,
        options: flags.options ?? loaded.options,
        replications: flags.replications ?? loaded.replications,
        seed: flags.seed ?? loaded.seed,
      };
      const bar = process.stderr.isTTY ? new SingleBar({ format: `${scenario.name} [{bar}] {value}/{total} replications | {duration_formatted}`, stream: process.stderr, clearOnComplete: true }) : null;
      bar?.start(scenario.options.length * scenario.replications, 0);
      const onProgress = ({ done }: ReplayProgress) => bar?.update(done);
      let report: Report;
      try {
        report = await runReplay(scenario, ref, { onProgress });
        const text = renderReport(report, flags.format);
        if (flags.out) writeOut(flags.out, text);
        else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      } finally {
        bar?.stop();
      }
      for (const warning of report.warnings) process.stderr.write(`swsim: warning: ${warning.option}: ${warning.message}\n`);
    });
}
