#!/usr/bin/env bash
# Builds and deploys force-app, then the User quick action on its own, to an org; or validates both steps.
set -euo pipefail
# shellcheck source=../lib/org-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/org-common.sh"

usage() {
    cat <<'USAGE'
Usage: npm run org:deploy -- [--target-org ALIAS] [--validate]

Builds the TypeScript components and deploys in two steps, each reported with the platform's own error text:
  1. force-app (all or nothing), reporting whether the org accepted the FlexiPage and the credentials;
     if it fails, the command fails and step 2 is not attempted;
  2. force-app-user-action, the User quick action alone: whether an org accepts an LWC quick action on User is
     undocumented. If the org refuses it, that is a warning (exit 0): use the record page component instead
     (README.md, "User record action").

With CRM_SYNC_API_URL=https://... set, the CRM_Sync named credential is deployed with that URL instead of
the placeholder (a deploy-time replacement in sfdx-project.json; the source is not changed).

Options:
  --target-org ALIAS   org alias or username (default: the project's default org)
  --validate           validate both steps (nothing is saved): force-app with the local Apex tests, then force-app
                       with the quick action (its component exists in the org only within the same validation)
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
# Runs one deploy command (the arguments; a leading --user-action goes to the report) and lets
# report-deploy.mjs judge it: its exit status is the step's, so a refused quick action alone can pass.
deploy_step() {
    local report_args=()
    if [[ "$1" == --user-action ]]; then
        report_args=(--user-action)
        shift
    fi
    "$@" "${org_args[@]}" --wait 30 --json >"$result" || true
    node "$ROOT_DIR/scripts/org/report-deploy.mjs" "${report_args[@]}" <"$result"
}

main_dir="$ROOT_DIR/force-app"
action_dir="$ROOT_DIR/force-app-user-action"
if [[ "$validate" == true ]]; then
    step "Validating force-app with the local Apex tests (nothing is saved)"
    deploy_step "$SF" project deploy validate --source-dir "$main_dir" --test-level RunLocalTests
    step "Validating the User quick action with force-app (a dry run; nothing is saved)"
    deploy_step --user-action "$SF" project deploy start --dry-run --source-dir "$main_dir" --source-dir "$action_dir"
else
    step "Deploying force-app"
    deploy_step "$SF" project deploy start --source-dir "$main_dir"
    step "Deploying the User quick action (force-app-user-action) on its own: a refusal leaves force-app deployed"
    deploy_step --user-action "$SF" project deploy start --source-dir "$action_dir"
fi
