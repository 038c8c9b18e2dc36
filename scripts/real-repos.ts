/**
 * kube-lint at the root of whole real repositories, as a new user runs it: writes
 * docs/real-repositories.md with, for each repository, the errors and warnings before issue #12
 * (docs/real-repositories.before.json) and now, and every remaining error with the reviewed reason
 * why its owners should fix it (docs/real-repositories.reviews.yaml).
 *
 *   npm run build && npx tsx scripts/real-repos.ts [--repos DIR]   write the page
 *   npx tsx scripts/real-repos.ts --check                          exit 1 when the page is stale, an
 *                                                                  error has no review or a review
 *                                                                  matches no error
 *
 * The repositories are ../shared/repos (eight public repositories as they sit in git; see its
 * SOURCES.md): not part of this repository, so the script does nothing without them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');
const PAGE = path.join(ROOT, 'docs', 'real-repositories.md');
const BEFORE = path.join(ROOT, 'docs', 'real-repositories.before.json');
const REVIEWS = path.join(ROOT, 'docs', 'real-repositories.reviews.yaml');
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Counts {
  errors: number;
  warnings: number;
  errorsByRule: Record<string, number>;
  warningsByRule: Record<string, number>;
}

interface Review {
  repo: string;
  rule: string;
  /** A prefix of the file path (or the whole path). */
  file?: string;
  /** A regular expression the message must match. */
  message?: string;
  why: string;
}

interface ReportFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

interface Report {
  summary: { objects: number; filesLinted: number; filesSkipped: number; clientConfigDocuments?: number; patchObjects?: number };
  files: { filePath: string; findings: ReportFinding[] }[];
}

function countsOf(report: Report): Counts {
  const counts: Counts = { errors: 0, warnings: 0, errorsByRule: {}, warningsByRule: {} };
  for (const file of report.files) {
    for (const f of file.findings) {
      if (f.severity === 'error') {
        counts.errors++;
        counts.errorsByRule[f.ruleId] = (counts.errorsByRule[f.ruleId] ?? 0) + 1;
      } else if (f.severity === 'warning') {
        counts.warnings++;
        counts.warningsByRule[f.ruleId] = (counts.warningsByRule[f.ruleId] ?? 0) + 1;
      }
    }
  }
  return counts;
}

function byRule(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return entries.length === 0 ? '' : entries.map(([rule, n]) => `${rule} ${n}`).join(', ');
}

function lintRepo(dir: string): { report: Report; exitCode: number } {
  try {
    const out = execFileSync(process.execPath, [CLI, '-f', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return { report: JSON.parse(out) as Report, exitCode: 0 };
  } catch (error) {
    const failed = error as { status?: number; stdout?: string };
    if (failed.status === 1 && failed.stdout) return { report: JSON.parse(failed.stdout) as Report, exitCode: 1 };
    throw new Error(`kube-lint failed in ${dir} with exit code ${String(failed.status)}`, { cause: error });
  }
}

function reviewOf(reviews: readonly Review[], repo: string, file: string, f: ReportFinding): Review | undefined {
  return reviews.find(
    (r) =>
      r.repo === repo &&
      r.rule === f.ruleId &&
      (r.file === undefined || file.startsWith(r.file)) &&
      (r.message === undefined || new RegExp(r.message).test(f.message)),
  );
}

/** `repo rule file /message/`: how a review is named in the list of unused ones. */
function describeReview(r: Review): string {
  return [r.repo, r.rule, r.file, r.message !== undefined ? `/${r.message}/` : undefined].filter((x) => x !== undefined).join(' ');
}

export function page(reposDir: string): { text: string; unreviewed: string[]; unused: string[] } {
  const before = (JSON.parse(readFileSync(BEFORE, 'utf8')) as { repos: Record<string, Counts> }).repos;
  const reviews = (parse(readFileSync(REVIEWS, 'utf8')) as { reviews: Review[] }).reviews;
  const repos = readdirSync(reposDir)
    .filter((name) => statSync(path.join(reposDir, name)).isDirectory())
    .sort();
  const unreviewed: string[] = [];
  const used = new Set<Review>();
  const table = [
    '| Repository | Errors before | Errors now | Warnings before | Warnings now | Exit | Objects linted (patches) | Client-side config | Files skipped |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const sections: string[] = [];
  for (const repo of repos) {
    const { report, exitCode } = lintRepo(path.join(reposDir, repo));
    const now = countsOf(report);
    const was = before[repo];
    const s = report.summary;
    table.push(
      `| ${repo} | ${was?.errors ?? '?'} | ${now.errors} | ${was?.warnings ?? '?'} | ${now.warnings} | ${exitCode} | ${s.objects} (${s.patchObjects ?? 0}) | ${s.clientConfigDocuments ?? 0} | ${s.filesSkipped} |`,
    );
    const lines = [`### ${repo}`, ''];
    lines.push(`- errors before: ${was ? `${was.errors} (${byRule(was.errorsByRule)})` : 'not measured'}`);
    lines.push(`- errors now: ${now.errors}${now.errors > 0 ? ` (${byRule(now.errorsByRule)})` : ''}`);
    lines.push(`- warnings before: ${was ? `${was.warnings} (${byRule(was.warningsByRule)})` : 'not measured'}`);
    lines.push(`- warnings now: ${now.warnings}${now.warnings > 0 ? ` (${byRule(now.warningsByRule)})` : ''}`);
    const errors = report.files.flatMap((file) =>
      file.findings.filter((f) => f.severity === 'error').map((f) => ({ file: file.filePath, f })),
    );
    if (errors.length > 0) {
      lines.push('', '| Where | Rule | Error | Why the owners should fix it |', '| --- | --- | --- | --- |');
      for (const { file, f } of errors) {
        const review = reviewOf(reviews, repo, file, f);
        if (review) used.add(review);
        else unreviewed.push(`${repo}/${file}:${f.line} ${f.ruleId}: ${f.message}`);
        const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
        lines.push(`| \`${file}:${f.line}:${f.column}\` | ${f.ruleId} | ${cell(f.message)} | ${cell(review?.why ?? 'NOT REVIEWED')} |`);
      }
    }
    sections.push(lines.join('\n'));
  }
  const text = [
    '# kube-lint at the root of real repositories',
    '',
    'What a new user sees on a first run: `kube-lint .` (`node dist/cli.js -f json .`) at the root of',
    'eight public repositories exactly as they sit in git (kustomize bases, overlays, components and',
    'patches; Flux trees with `${VAR}` substitutions; Helm charts as source; Argo CD app-of-apps;',
    'dashboards as JSON; editor settings), with the default configuration. The repositories are',
    "those of the project's shared test data (`../shared/repos`, see its SOURCES.md for commits and",
    'licences); they keep only the YAML and JSON files of each repository, so a file of another type',
    'that a kustomization names is missing there (it is in the real repository).',
    '',
    '"Before" is kube-lint before it knew repositories (commit b0b5c33); "now" is this version. Every',
    'error that remains is listed with the reason its owners should fix it (reviewed by hand, kept',
    'in `docs/real-repositories.reviews.yaml`).',
    '',
    'Regenerate: `npm run build && npx tsx scripts/real-repos.ts` (CI runs it with `--check`).',
    '',
    ...table,
    '',
    ...sections.flatMap((section) => [section, '']),
    '<!-- generated by scripts/real-repos.ts; do not edit -->',
    '',
  ].join('\n');
  // A review of a repository that is not there is not judged: the page may be made from a subset.
  const unused = reviews.filter((r) => !used.has(r) && repos.includes(r.repo)).map(describeReview);
  return { text, unreviewed, unused };
}

/** The lines only the committed page has (`-`) and those only the new one has (`+`), so a CI log says what changed. */
export function linesThatDiffer(committed: string, generated: string, limit = 40): string {
  const count = (lines: string[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
    return counts;
  };
  const before = committed.split('\n');
  const after = generated.split('\n');
  const inAfter = count(after);
  const inBefore = count(before);
  const only = (lines: string[], other: Map<string, number>, sign: string): string[] =>
    lines
      .filter((line) => {
        const left = other.get(line) ?? 0;
        if (left > 0) {
          other.set(line, left - 1);
          return false;
        }
        return true;
      })
      .map((line) => `${sign} ${line}`);
  const out = [...only(before, inAfter, '-'), ...only(after, inBefore, '+')];
  const shown = out.slice(0, limit);
  if (out.length > limit) shown.push(`... and ${out.length - limit} more lines`);
  return `${shown.join('\n')}\n`;
}

function main(argv: string[]): number {
  const at = argv.indexOf('--repos');
  const given = at >= 0 ? argv[at + 1] : undefined;
  const reposDir = path.resolve(given ?? path.join(ROOT, '..', 'shared', 'repos'));
  if (!existsSync(reposDir)) {
    process.stdout.write(`no repositories at ${reposDir}: nothing to do\n`);
    return 0;
  }
  const { text, unreviewed, unused } = page(reposDir);
  if (unreviewed.length > 0) {
    process.stderr.write(
      `errors without a review in docs/real-repositories.reviews.yaml:\n${unreviewed.map((u) => `  ${u}`).join('\n')}\n`,
    );
  }
  if (unused.length > 0) {
    process.stderr.write(
      `reviews in docs/real-repositories.reviews.yaml that match no error (remove them):\n${unused.map((u) => `  ${u}`).join('\n')}\n`,
    );
  }
  const failed = unreviewed.length > 0 || unused.length > 0;
  if (argv.includes('--check')) {
    const current = existsSync(PAGE) ? readFileSync(PAGE, 'utf8') : '';
    if (current !== text) {
      process.stderr.write('docs/real-repositories.md is stale: run npm run build && npx tsx scripts/real-repos.ts\n');
      process.stderr.write(linesThatDiffer(current, text));
      return 1;
    }
    return failed ? 1 : 0;
  }
  writeFileSync(PAGE, text);
  process.stdout.write(`wrote ${path.relative(ROOT, PAGE)}\n`);
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exitCode = main(process.argv.slice(2));
}
