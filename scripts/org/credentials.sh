#!/usr/bin/env bash
# Stores the sync backend's API key on the CRM_Sync external credential's principal in an org.
set -euo pipefail
# shellcheck source=../lib/org-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/org-common.sh"

usage() {
    cat <<'USAGE'
Usage: npm run org:credentials -- [--target-org ALIAS]    (with CRM_SYNC_API_KEY set)

Stores CRM_SYNC_API_KEY as the ApiKey parameter of the CRM_Sync_Service principal of the CRM_Sync external
credential (Connect REST API, /named-credentials/credential). The key travels from the environment to
Salesforce over HTTPS only: it is never printed, logged or written to disk. Without CRM_SYNC_API_KEY the step
is skipped with a note.

The named credential's URL is set at deploy time instead: run org:deploy (or org:create) with
CRM_SYNC_API_URL=https://your-backend.example.com.

Options:
  --target-org ALIAS   org alias or username (default: the project's default org)
  -h, --help           show this help
USAGE
}

target_org=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --target-org) target_org="${2:?--target-org needs an alias}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; fail "unknown option: $1" ;;
    esac
done

if [[ -z "${CRM_SYNC_API_KEY:-}" ]]; then
    step "CRM_SYNC_API_KEY is not set: skipping the API key (enter it later in Setup, see README)"
    exit 0
fi
require_sf
org_args=()
if [[ -n "$target_org" ]]; then
    require_org "$target_org"
    org_args=(--target-org "$target_org")
fi
step "Storing the API key on the CRM_Sync external credential"
# The access token goes from the CLI's JSON to node through a pipe; the key stays in the environment.
"$SF" org display "${org_args[@]}" --json | node "$ROOT_DIR/scripts/org/set-credential.mjs"
