#!/usr/bin/env bash
# Validates kube-lint's SARIF with Microsoft's official SARIF validator (the SARIF Multitool, a
# self-contained .NET program that npm ships per platform: no .NET runtime needed).
#
#   scripts/validate-sarif.sh            lint fixtures/ (and, for the failure path, a missing
#                                        file) with the built CLI, then validate both logs
#   scripts/validate-sarif.sh FILE...    validate these SARIF files instead (paths without spaces)
#
# Each log is checked with three rule sets: Sarif (the schema and the spec's rules), Gh and Ghas
# (what GitHub code scanning requires). The validator exits 0 even when it finds errors, so its own
# SARIF output is read: any result of level error or warning (the validator's default failure
# levels) fails the script. Notes (suggestions such as code snippets) are not reported.
#
# scripts/sarif-validator.xml turns off rule SARIF2006, which checks every URI of the log with an
# HTTP GET: the check needs no network, and sends nothing.
#
# The validator is fetched by npx from the npm registry on first use (about 100 MB unpacked) and
# cached after that; it is not a devDependency, so that `npm ci` and pre-commit installs stay small.
set -euo pipefail

MULTITOOL="@microsoft/sarif-multitool@5.7.0"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ "$#" -gt 0 ]; then
  logs=("$@")
else
  cd "$root"
  if [ ! -f dist/cli.js ] || [ -n "${KUBE_LINT_REBUILD:-}" ]; then npm run build --silent; fi
  # Exit code 1 means findings, which the fixtures have on purpose; 2 means a file failed.
  status=0
  node dist/cli.js --format sarif fixtures/ >"$work/fixtures.sarif" || status=$?
  if [ "$status" -ne 1 ]; then
    echo "validate-sarif: kube-lint on fixtures/ exited $status, expected 1 (findings)" >&2
    exit 1
  fi
  status=0
  node dist/cli.js --format sarif fixtures/image-tag does-not-exist.yaml >"$work/missing-input.sarif" || status=$?
  if [ "$status" -ne 2 ]; then
    echo "validate-sarif: kube-lint with a missing file exited $status, expected 2" >&2
    exit 1
  fi
  logs=("$work/fixtures.sarif" "$work/missing-input.sarif")
fi

# The npm wrapper runs the program through a shell, joining its arguments with spaces: every
# argument passed must be free of spaces and semicolons, so the config goes to the temporary folder.
cp "$root/scripts/sarif-validator.xml" "$work/config.xml"

failed=0
for kind in Sarif Gh Ghas; do
  out="$work/validation-$kind.sarif"
  npx --yes --prefer-offline "$MULTITOOL" validate "${logs[@]}" --rule-kind "$kind" --config "$work/config.xml" --output "$out" --log ForceOverwrite
  node - "$out" "$kind" "${#logs[@]}" <<'EOF' || failed=1
const [file, kind, expected] = process.argv.slice(2);
const log = JSON.parse(require('node:fs').readFileSync(file, 'utf8'));
const run = log.runs[0];
const invocation = (run.invocations ?? [])[0] ?? {};
if (invocation.executionSuccessful !== true) {
  console.error(`validate-sarif: the validator did not run successfully (${kind})`);
  process.exit(1);
}
const results = run.results ?? [];
// The validator printed each problem above; this only counts them.
const bad = results.filter((r) => ['error', 'warning'].includes(r.level ?? 'warning'));
console.log(`validate-sarif: ${kind} rules on ${expected} log(s): ${bad.length} error(s) or warning(s)`);
process.exit(bad.length > 0 ? 1 : 0);
EOF
done

if [ "$failed" -ne 0 ]; then
  echo "validate-sarif: FAILED" >&2
  exit 1
fi
echo "validate-sarif: OK"
