#!/usr/bin/env bash
# Runs the Apex tests with code coverage and fails when the package's coverage is below the threshold.
set -euo pipefail
# shellcheck source=../lib/org-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/org-common.sh"

usage() {
    cat <<'USAGE'
Usage: npm run org:test -- [--target-org ALIAS] [--min-coverage PERCENT]

Runs all local Apex tests with code coverage and prints failures and per-class coverage.
Fails when a test fails or when the coverage of the package's classes is below the minimum.

Options:
  --target-org ALIAS      org alias or username (default: the project's default org)
  --min-coverage PERCENT  required coverage of the package's Apex (default: 90)
  -h, --help              show this help
USAGE
}

target_org=""
min_coverage=90
while [[ $# -gt 0 ]]; do
    case "$1" in
        --target-org) target_org="${2:?--target-org needs an alias}"; shift 2 ;;
        --min-coverage) min_coverage="${2:?--min-coverage needs a number}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; fail "unknown option: $1" ;;
    esac
done
[[ "$min_coverage" =~ ^[0-9]+$ && "$min_coverage" -le 100 ]] || fail "--min-coverage must be 0 to 100"

require_sf
org_args=()
if [[ -n "$target_org" ]]; then
    require_org "$target_org"
    org_args=(--target-org "$target_org")
fi

result="$(mktemp)"
trap 'rm -f "$result"' EXIT
step "Running the Apex tests with coverage"
status=0
"$SF" apex run test --test-level RunLocalTests --code-coverage --wait 30 --json "${org_args[@]}" >"$result" || status=$?
node "$ROOT_DIR/scripts/org/report-tests.mjs" --min-coverage "$min_coverage" <"$result" || status=$?
exit "$status"
