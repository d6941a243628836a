// The scratch-org scripts cannot reach an org here, but they must explain themselves and fail clearly: each prints
// its help, refuses unknown options, and says in one sentence what to run when the CLI or the Dev Hub is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { repoRoot, tempDirs } from './helpers.mjs';

const SCRIPTS = ['org-create', 'org-deploy', 'org-credentials', 'org-test', 'org-delete', 'package-version'];
// A home without any Salesforce CLI configuration: no Dev Hub, no default org.
const emptyHome = tempDirs('crm-sync-home-')();

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
        const { status, stderr } = run('org-test', [], { CRM_SYNC_SF: '/nonexistent/sf' });

        assert.equal(status, 1, 'org-test should fail without the CLI');
        assert.match(stderr, /The Salesforce CLI is not installed in this project\. Run: npm ci/);
    });

    it('says how to log in when no Dev Hub is authorized', () => {
        const { status, stderr } = run('org-create', ['--skip-tests']);

        assert.equal(status, 1, 'org-create should fail without a Dev Hub');
        assert.match(stderr, /No default Dev Hub is authorized\. Run: npx sf org login web --set-default-dev-hub/);
    });

    it('says which org is missing when the target org is not authorized', () => {
        const { status, stderr } = run('org-deploy', ['--target-org', 'nowhere']);

        assert.equal(status, 1, 'org-deploy should fail for an unknown org');
        assert.match(stderr, /The org 'nowhere' is not authorized or no longer exists\./);
    });

    it('rejects a scratch org duration outside 1 to 30 days before contacting anything', () => {
        const { status, stderr } = run('org-create', ['--duration-days', '45']);

        assert.equal(status, 1, 'org-create should refuse 45 days');
        assert.match(stderr, /--duration-days must be 1 to 30/);
    });

    it('skips the API key with a note when CRM_SYNC_API_KEY is not set', () => {
        const { status, stdout } = run('org-credentials', [], { CRM_SYNC_API_KEY: '' });

        assert.equal(status, 0, 'org-credentials without a key should not fail');
        assert.match(stdout, /CRM_SYNC_API_KEY is not set: skipping the API key/);
    });
});
