// The scratch-org scripts cannot reach an org here, but they must explain themselves and fail clearly: each prints
// its help, refuses unknown options, and says in one sentence what to run when the CLI or the Dev Hub is missing.
// With a stand-in for the `sf` CLI (answering deploys with canned --json results) they also specify the two-step
// deploy: force-app first, then the User quick action on its own, whose refusal alone is only a warning.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { describeOutput, repoRoot, tempDirs } from './helpers.mjs';

const SCRIPTS = ['org/create', 'org/deploy', 'org/credentials', 'org/test', 'org/delete', 'org/package-version'];
// A home without any Salesforce CLI configuration: no Dev Hub, no default org.
const emptyHome = tempDirs('crm-sync-home-')();
const stubDirs = tempDirs('crm-sync-sf-stub-');

function run(script, args, env = {}) {
    const result = spawnSync('bash', [`scripts/${script}.sh`, ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, HOME: emptyHome, ...env }
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('org scripts', () => {
    for (const script of SCRIPTS) {
        it(`${script} --help prints its usage and exits 0`, () => {
            const { status, stdout } = run(script, ['--help']);

            assert.equal(status, 0, `${script} --help should succeed`);
            assert.match(stdout, /^Usage: npm run /, `${script} --help should start with its usage line`);
        });

        it(`${script} refuses an unknown option`, () => {
            const { status, stderr } = run(script, ['--no-such-option']);

            assert.equal(status, 1, `${script} should fail on an unknown option`);
            assert.match(stderr, /error: unknown option: --no-such-option/);
        });
    }

    it('says how to install the CLI when the project has none', () => {
        const { status, stderr } = run('org/test', [], { CRM_SYNC_SF: '/nonexistent/sf' });

        assert.equal(status, 1, 'org/test should fail without the CLI');
        assert.match(stderr, /The Salesforce CLI is not installed in this project\. Run: npm ci/);
    });

    it('says how to log in when no Dev Hub is authorized', () => {
        const { status, stderr } = run('org/create', ['--skip-tests']);

        assert.equal(status, 1, 'org/create should fail without a Dev Hub');
        assert.match(stderr, /No default Dev Hub is authorized\. Run: npx sf org login web --set-default-dev-hub/);
    });

    it('says which org is missing when the target org is not authorized', () => {
        const { status, stderr } = run('org/deploy', ['--target-org', 'nowhere']);

        assert.equal(status, 1, 'org/deploy should fail for an unknown org');
        assert.match(stderr, /The org 'nowhere' is not authorized or no longer exists\./);
    });

    it('rejects a scratch org duration outside 1 to 30 days before contacting anything', () => {
        const { status, stderr } = run('org/create', ['--duration-days', '45']);

        assert.equal(status, 1, 'org/create should refuse 45 days');
        assert.match(stderr, /--duration-days must be 1 to 30/);
    });

    it('skips the API key with a note when CRM_SYNC_API_KEY is not set', () => {
        const { status, stdout } = run('org/credentials', [], { CRM_SYNC_API_KEY: '' });

        assert.equal(status, 0, 'org/credentials without a key should not fail');
        assert.match(stdout, /CRM_SYNC_API_KEY is not set: skipping the API key/);
    });
});

// Logs each call as one line; answers the n-th `project deploy` with deploy-<n>.json and exits with its "status",
// everything else with an empty success (a Dev Hub is configured). `npm` is stubbed too, so no build runs.
const SF_STUB = `#!/usr/bin/env bash
stub_dir="$(dirname "$0")"
printf '%s\\n' "$*" >>"$stub_dir/calls"
case "$1 $2" in
    "project deploy")
        n="$(grep -c '^project deploy ' "$stub_dir/calls")"
        cat "$stub_dir/deploy-$n.json"
        exit "$(node -p "JSON.parse(require('fs').readFileSync('$stub_dir/deploy-$n.json', 'utf8')).status")"
        ;;
    "config get") echo '{"status":0,"result":[{"name":"target-dev-hub","value":"devhub"}]}' ;;
    *) echo '{"status":0,"result":{}}' ;;
esac
`;

// Invented for the test: what the platform says is unknown until an org has answered.
const PLATFORM_ERROR = 'stub: the platform refused this action on User';
const ACCEPTED_MAIN = {
    status: 0,
    result: {
        status: 'Succeeded',
        success: true,
        details: {
            componentSuccesses: [
                { componentType: 'FlexiPage', fullName: 'CRM_Sync_Admin' },
                { componentType: 'NamedCredential', fullName: 'CRM_Sync' },
                { componentType: 'ExternalCredential', fullName: 'CRM_Sync' }
            ]
        }
    }
};
const ACCEPTED_ACTION = {
    status: 0,
    result: {
        status: 'Succeeded',
        success: true,
        details: { componentSuccesses: { componentType: 'QuickAction', fullName: 'User.CRM_Sync' } }
    }
};
const REFUSED_ACTION = {
    status: 1,
    result: {
        status: 'Failed',
        success: false,
        details: {
            componentFailures: { componentType: 'QuickAction', fullName: 'User.CRM_Sync', problem: PLATFORM_ERROR }
        }
    }
};
const REFUSED_MAIN = {
    status: 1,
    result: {
        status: 'Failed',
        success: false,
        details: {
            componentFailures: [
                { componentType: 'ApexClass', fullName: 'CrmSyncClient', problem: 'Variable does not exist: x' }
            ]
        }
    }
};

/** Runs an org script against the stub CLI; `deploys` are the answers to its deploys, in order. */
function runWithStub(script, args, deploys, env = {}) {
    const dir = stubDirs();
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(dir, 'sf'), SF_STUB, { mode: 0o755 });
    writeFileSync(path.join(bin, 'npm'), '#!/usr/bin/env bash\n', { mode: 0o755 });
    deploys.forEach((answer, index) =>
        writeFileSync(path.join(dir, `deploy-${index + 1}.json`), JSON.stringify(answer))
    );
    const result = run(script, args, {
        CRM_SYNC_SF: path.join(dir, 'sf'),
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        CRM_SYNC_API_URL: '',
        CRM_SYNC_API_KEY: '',
        GITHUB_ACTIONS: '',
        ...env
    });
    const calls = readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n');
    return { ...result, calls, deployCalls: calls.filter((call) => call.startsWith('project deploy ')) };
}

const MAIN_DIR = path.join(repoRoot, 'force-app');
const ACTION_DIR = path.join(repoRoot, 'force-app-user-action');
const WARNING =
    /^warning: the org refused the User quick action .*Use the record page component .*"User record action"/m;

describe('org:deploy in two steps', () => {
    it('deploys force-app, then the quick action directory on its own, and reports both accepted', () => {
        const run = runWithStub('org/deploy', ['--target-org', 'scratch'], [ACCEPTED_MAIN, ACCEPTED_ACTION]);

        assert.equal(run.status, 0, describeOutput(run));
        assert.deepEqual(run.deployCalls, [
            `project deploy start --source-dir ${MAIN_DIR} --target-org scratch --wait 30 --json`,
            `project deploy start --source-dir ${ACTION_DIR} --target-org scratch --wait 30 --json`
        ]);
        assert.match(run.stdout, /accepted {2}FlexiPage/);
        assert.match(run.stdout, /accepted {2}User quick action/);
        assert.doesNotMatch(run.stdout, /warning:/);
    });

    it("succeeds with a warning and the platform's error text when only the quick action is refused", () => {
        const run = runWithStub('org/deploy', ['--target-org', 'scratch'], [ACCEPTED_MAIN, REFUSED_ACTION]);

        assert.equal(run.status, 0, describeOutput(run));
        assert.equal(run.deployCalls.length, 2);
        assert.match(run.stdout, new RegExp(`REFUSED {3}User quick action \\(User\\.CRM_Sync\\): ${PLATFORM_ERROR}`));
        assert.match(run.stdout, WARNING);
        assert.doesNotMatch(run.stdout, /Deploy FAILED/);
    });

    it('fails and never attempts the quick action when force-app is refused', () => {
        const run = runWithStub('org/deploy', ['--target-org', 'scratch'], [REFUSED_MAIN]);

        assert.equal(run.status, 1, describeOutput(run));
        assert.deepEqual(run.deployCalls, [
            `project deploy start --source-dir ${MAIN_DIR} --target-org scratch --wait 30 --json`
        ]);
        assert.match(run.stdout, /REFUSED {3}ApexClass CrmSyncClient: Variable does not exist: x/);
        assert.match(run.stdout, /Deploy FAILED\./);
    });

    it('fails when the quick action step fails for another reason than the quick action', () => {
        const expired = { status: 1, name: 'NoOrgFound', message: 'No authorization information found for scratch.' };
        const run = runWithStub('org/deploy', ['--target-org', 'scratch'], [ACCEPTED_MAIN, expired]);

        assert.equal(run.status, 1, describeOutput(run));
        assert.match(run.stdout, /NoOrgFound: No authorization information found/);
        assert.doesNotMatch(run.stdout, /warning:/);
    });

    it('--validate validates force-app with the tests, then the quick action together with force-app', () => {
        const run = runWithStub('org/deploy', ['--validate'], [ACCEPTED_MAIN, REFUSED_ACTION]);

        assert.equal(run.status, 0, describeOutput(run));
        assert.deepEqual(run.deployCalls, [
            `project deploy validate --source-dir ${MAIN_DIR} --test-level RunLocalTests --wait 30 --json`,
            `project deploy start --dry-run --source-dir ${MAIN_DIR} --source-dir ${ACTION_DIR} --wait 30 --json`
        ]);
        assert.match(run.stdout, WARNING);
    });

    it("annotates the refusal in GitHub Actions, with the platform's error text", () => {
        const run = runWithStub('org/deploy', [], [ACCEPTED_MAIN, REFUSED_ACTION], { GITHUB_ACTIONS: 'true' });

        assert.equal(run.status, 0, describeOutput(run));
        assert.match(
            run.stdout,
            new RegExp(
                `^::warning title=User quick action refused::The org refused .*%0AUser\\.CRM_Sync: ${PLATFORM_ERROR}$`,
                'm'
            )
        );
    });

    it('org:create goes on after a refused quick action and says so', () => {
        const run = runWithStub('org/create', ['--skip-tests'], [ACCEPTED_MAIN, REFUSED_ACTION]);

        assert.equal(run.status, 0, describeOutput(run));
        assert.match(run.stdout, WARNING);
        assert.ok(
            run.calls.some((call) => call.startsWith('org assign permset --name CRM_Sync_Admin')),
            run.calls.join('\n')
        );
        assert.match(run.stdout, /==> CRM Sync is ready/);
    });
});

describe('package:version', () => {
    it('versions only the packaged directory, never force-app-user-action', () => {
        const run = runWithStub('org/package-version', [], []);
        const project = JSON.parse(readFileSync(path.join(repoRoot, 'sfdx-project.json'), 'utf8'));
        const packaged = project.packageDirectories.filter((dir) => dir.package).map((dir) => dir.path);

        assert.equal(run.status, 0, describeOutput(run));
        assert.deepEqual(packaged, ['force-app']);
        assert.ok(
            run.calls.some((call) => call.startsWith('package version create --package CRM Sync ')),
            run.calls.join('\n')
        );
        assert.ok(!run.calls.some((call) => call.includes('force-app-user-action')), run.calls.join('\n'));
    });
});
