#!/usr/bin/env bash
# Builds and deploys force-app to an org, or validates the deploy with the local Apex tests.
set -euo pipefail
# shellcheck source=lib/org-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/org-common.sh"

usage() {
    cat <<'USAGE'
Usage: npm run org:deploy -- [--target-org ALIAS] [--validate]

Builds the TypeScript components and deploys force-app to the org, then reports whether the org accepted
the User quick action, the FlexiPage and the credentials, quoting the platform's error text when not.

With CRM_SYNC_API_URL=https://... set, the CRM_Sync named credential is deployed with that URL instead of
the placeholder (a deploy-time replacement in sfdx-project.json; the source is not changed).

Options:
  --target-org ALIAS   org alias or username (default: the project's default org)
  --validate           validate only (nothing is saved) and run the local Apex tests
  -h, --help           show this help
USAGE
}

target_org=""
validate=false
while [[ $# -gt 0 ]]; do
    case "$1" in
        --target-org) target_org="${2:?--target-org needs an alias}"; shift 2 ;;
        --validate) validate=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; fail "unknown option: $1" ;;
    esac
done

require_sf
org_args=()
if [[ -n "$target_org" ]]; then
    require_org "$target_org"
    org_args=(--target-org "$target_org")
fi
build_package
if [[ -n "${CRM_SYNC_API_URL:-}" ]]; then
    [[ "$CRM_SYNC_API_URL" =~ ^https://[^/[:space:]]+ ]] || fail "CRM_SYNC_API_URL must be an https:// URL"
    step "Deploying the CRM_Sync named credential with URL $CRM_SYNC_API_URL"
    # sfdx-project.json replaces the placeholder only when this is set, so a package version never gets a URL.
    export CRM_SYNC_SET_URL=true
fi

result="$(mktemp)"
trap 'rm -f "$result"' EXIT
if [[ "$validate" == true ]]; then
    step "Validating the deploy with the local Apex tests (nothing is saved)"
    deploy=("$SF" project deploy validate --source-dir "$ROOT_DIR/force-app" --test-level RunLocalTests)
else
    step "Deploying force-app"
    deploy=("$SF" project deploy start --source-dir "$ROOT_DIR/force-app")
fi
status=0
"${deploy[@]}" "${org_args[@]}" --wait 30 --json >"$result" || status=$?
node "$ROOT_DIR/scripts/org/report-deploy.mjs" <"$result" || status=$?
exit "$status"
