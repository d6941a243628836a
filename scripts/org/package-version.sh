#!/usr/bin/env bash
# Creates a new version of the CRM Sync unlocked package.
set -euo pipefail
# shellcheck source=../lib/org-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/org-common.sh"

usage() {
    cat <<'USAGE'
Usage: npm run package:version -- [--installation-key KEY | --no-installation-key] [--skip-validation]

Creates a version of the unlocked package "CRM Sync" (sfdx-project.json) with code coverage, creating the
package in the default Dev Hub first if it does not exist yet. Prints the install URL of the new version.
The version holds force-app only: the User quick action (force-app-user-action, no "package" key) is left out
until an org has accepted it (README.md, "User record action").

Options:
  --installation-key KEY   protect the version with a key (default: none, see --no-installation-key)
  --no-installation-key    create the version without a key (the default)
  --skip-validation        skip validation and coverage (fast, but such a version cannot be promoted)
  -h, --help               show this help

Needs a default Dev Hub with packaging enabled: npx sf org login web --set-default-dev-hub --alias devhub
USAGE
}

key_args=(--installation-key-bypass)
validation_args=(--code-coverage)
while [[ $# -gt 0 ]]; do
    case "$1" in
        --installation-key) key_args=(--installation-key "${2:?--installation-key needs a key}"); shift 2 ;;
        --no-installation-key) key_args=(--installation-key-bypass); shift ;;
        --skip-validation) validation_args=(--skip-validation); shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; fail "unknown option: $1" ;;
    esac
done

require_devhub
build_package
cd "$ROOT_DIR"
if ! node -e 'process.exit(JSON.parse(require("fs").readFileSync("sfdx-project.json", "utf8")).packageAliases?.["CRM Sync"] ? 0 : 1)'; then
    step "Creating the unlocked package 'CRM Sync' (once; its id is added to sfdx-project.json: commit it)"
    "$SF" package create --name "CRM Sync" --package-type Unlocked --path force-app --no-namespace \
        --description "CRM Sync admin panel and user action for an external sync backend."
fi
step "Creating a package version (this takes several minutes)"
"$SF" package version create --package "CRM Sync" "${key_args[@]}" "${validation_args[@]}" --wait 60
