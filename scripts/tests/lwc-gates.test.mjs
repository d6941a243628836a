// The TypeScript LWC gates (build, typecheck, check:lwc) against small broken fixture projects.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, runScriptSync } from './helpers.mjs';

const fixtures = 'scripts/tests/fixtures/lwc';
const lwcDir = (fixture, bundle) => `${fixtures}/${fixture}/force-app/main/default/lwc/${bundle}`;

function run(script, fixture) {
    const { status, stdout, stderr } = runScriptSync(`scripts/${script}`, ['--project', `${fixtures}/${fixture}`]);
    return { status, output: stdout + stderr };
}

describe('typecheck', () => {
    it('fails on a type error and names the .ts file and line', () => {
        const { status, output } = run('gate/typecheck.mjs', 'type-error');

        assert.equal(status, 1, `typecheck should fail on the fixture:\n${output}`);
        assert.match(output, new RegExp(`${lwcDir('type-error', 'crmSyncCounter')}/crmSyncCounter.ts:7: TS2322: `));
    });
});

describe('typecheck of templates', () => {
    it('fails on a template label reference that is not a CRM Sync label and names the line', () => {
        const { status, output } = run('gate/typecheck.mjs', 'template-label');

        assert.equal(status, 1, `typecheck should fail on the misspelt label:\n${output}`);
        assert.match(
            output,
            new RegExp(
                `${lwcDir('template-label', 'crmSyncBanner')}/crmSyncBanner.html:3: typecheck/template-label: labels.panelSubtitel`
            )
        );
        assert.doesNotMatch(output, /labels\.panelTitle is not/, 'an existing label must not be reported');
    });
});

describe('check:lwc', () => {
    it('fails when a bundle has no generated .js and says to run the build', () => {
        rmSync(path.join(repoRoot, lwcDir('type-error', 'crmSyncCounter'), 'crmSyncCounter.js'), { force: true });

        const { status, output } = run('gate/check-lwc.mjs', 'type-error');

        assert.equal(status, 1, `check:lwc should fail without a build:\n${output}`);
        assert.match(output, /crmSyncCounter\.ts:1: check-lwc\/not-built: .*npm run build/);
    });

    it('fails on a bundle the platform compiler rejects and names the .ts file and line', () => {
        assert.equal(run('build/lwc.mjs', 'platform-rejects').status, 0, 'the fixture itself should build');

        const { status, output } = run('gate/check-lwc.mjs', 'platform-rejects');

        assert.equal(status, 1, `check:lwc should reject the bundle:\n${output}`);
        assert.match(
            output,
            new RegExp(`${lwcDir('platform-rejects', 'crmSyncPicker')}/crmSyncPicker.ts:5: LWC1503: `)
        );
    });

    it('accepts a bundle using @api, @track and @wire, so the build keeps decorators as syntax', () => {
        assert.equal(run('build/lwc.mjs', 'decorators').status, 0, 'the fixture should build');
        const built = readFileSync(
            path.join(repoRoot, lwcDir('decorators', 'crmSyncGreeting'), 'crmSyncGreeting.js'),
            'utf8'
        );

        const { status, output } = run('gate/check-lwc.mjs', 'decorators');

        assert.match(built, /@api\s+recordId/, 'the generated .js should keep @api as a decorator');
        assert.match(built, /@wire\(getRecord/, 'the generated .js should keep @wire as a decorator');
        assert.equal(status, 0, `the platform compiler should accept the built bundle:\n${output}`);
    });
});

describe('build', () => {
    it('refuses a hand-written .js module without a .ts source', (t) => {
        const stray = path.join(repoRoot, lwcDir('decorators', 'crmSyncGreeting'), 'greetingFormat.js');
        writeFileSync(stray, 'export const format = (name) => `Hello ${name}`;\n');
        t.after(() => rmSync(stray, { force: true }));

        const { status, output } = run('build/lwc.mjs', 'decorators');

        assert.equal(status, 1, `build should refuse the plain .js:\n${output}`);
        assert.match(output, /greetingFormat\.js:1: build\/no-typescript-source: /);
    });

    it('removes a generated .js whose .ts source was deleted', (t) => {
        const bundle = path.join(repoRoot, lwcDir('decorators', 'crmSyncGreeting'));
        const source = path.join(bundle, 'greetingFormat.ts');
        writeFileSync(source, 'export const format = (name: string): string => `Hello ${name}`;\n');
        t.after(() => rmSync(source, { force: true }));
        assert.equal(run('build/lwc.mjs', 'decorators').status, 0, 'the helper module should build');
        rmSync(source);

        const { status } = run('build/lwc.mjs', 'decorators');

        assert.equal(status, 0, 'build should pass after the source is gone');
        assert.throws(
            () => readFileSync(path.join(bundle, 'greetingFormat.js')),
            /ENOENT/,
            'stale .js should be deleted'
        );
    });
});
