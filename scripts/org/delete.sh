#!/usr/bin/env bash
# Deletes a scratch org created by org:create.
set -euo pipefail
# shellcheck source=../lib/org-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/org-common.sh"

usage() {
    cat <<'USAGE'
Usage: npm run org:delete -- [--alias NAME]

Deletes the scratch org without asking again.

Options:
  --alias NAME   scratch org alias (default: crm-sync)
  -h, --help     show this help
USAGE
}

alias_name="crm-sync"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --alias) alias_name="${2:?--alias needs a name}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; fail "unknown option: $1" ;;
    esac
done

require_sf
step "Deleting scratch org '$alias_name'"
"$SF" org delete scratch --target-org "$alias_name" --no-prompt
