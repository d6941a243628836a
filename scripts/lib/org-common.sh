#!/usr/bin/env bash
# Shared helpers for the scratch-org scripts in scripts/org/: the project's own Salesforce CLI, clear failures, and
# the checks every script needs before it talks to an org. Sourced, not run.

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# CRM_SYNC_SF lets the script tests point at a missing CLI.
SF="${CRM_SYNC_SF:-$ROOT_DIR/node_modules/.bin/sf}"
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true

fail() {
    echo "error: $*" >&2
    exit 1
}

step() {
    echo "==> $*"
}

# The CLI is a devDependency, so `npm ci` is all a developer needs; a global `sf` is never used.
require_sf() {
    [[ -x "$SF" ]] || fail "The Salesforce CLI is not installed in this project. Run: npm ci"
}

require_devhub() {
    require_sf
    "$SF" config get target-dev-hub --json 2>/dev/null | node -e '
        let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
            const hub = JSON.parse(s || "{}").result?.[0]?.value;
            process.exit(hub ? 0 : 1);
        });' ||
        fail "No default Dev Hub is authorized. Run: npx sf org login web --set-default-dev-hub --alias devhub"
}

require_org() {
    local org="$1"
    require_sf
    "$SF" org display --target-org "$org" --json >/dev/null 2>&1 ||
        fail "The org '$org' is not authorized or no longer exists. Run: npx sf org login web --alias $org (or npm run org:create)"
}

# The generated .js of every TypeScript component must exist before a deploy (.forceignore keeps the .ts out).
build_package() {
    step "Building the TypeScript components"
    (cd "$ROOT_DIR" && npm run --silent build)
}
