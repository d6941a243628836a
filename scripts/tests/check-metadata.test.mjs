// Tests for scripts/gate/check-metadata.mjs. Each test runs the gate as CI does, from the repository root, against a
// fixture project under fixtures/metadata/<case>/, and checks the exit code and the `path:line: rule` findings.
// Every broken fixture is the clean one with a single defect (bad-values and bad-references: one per line).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, runScriptSync } from './helpers.mjs';
const FIXTURES = 'scripts/tests/fixtures/metadata';
const FINDING = /^(\S+:\d+: [a-z]+\/[a-z-]+): (.*)$/;

const runs = new Map();

/** Runs the gate on a fixture once and returns {code, stdout, stderr, findings: [{where, message}]}. */
function gate(fixture) {
    if (!runs.has(fixture)) {
        const result = runScriptSync('scripts/gate/check-metadata.mjs', ['--project', `${FIXTURES}/${fixture}`]);
        const findings = result.stdout
            .split('\n')
            .map((line) => FINDING.exec(line))
            .filter(Boolean)
            .map(([, where, message]) => ({ where, message }));
        runs.set(fixture, { code: result.status, stdout: result.stdout, stderr: result.stderr, findings });
    }
    return runs.get(fixture);
}

/** `path:line: rule` of a file in a fixture's force-app/main/default. */
function at(fixture, file, line, rule) {
    return `${FIXTURES}/${fixture}/force-app/main/default/${file}:${line}: ${rule}`;
}

/** The single finding reported at `where`; fails with the full output when it is not there. */
function findingAt(run, where) {
    const matches = run.findings.filter((f) => f.where === where);
    assert.equal(matches.length, 1, `expected one finding at\n  ${where}\ngot:\n${run.stdout}${run.stderr}`);
    return matches[0];
}

function assertOnly(run, expected) {
    assert.equal(run.code, 1, `expected exit 1, output:\n${run.stdout}${run.stderr}`);
    assert.deepEqual(
        run.findings.map((f) => f.where),
        expected,
        `unexpected findings, output:\n${run.stdout}`
    );
}

describe('clean project', () => {
    it('passes with exit 0 and no findings', () => {
        const run = gate('clean');
        assert.equal(run.code, 0, `output:\n${run.stdout}${run.stderr}`);
        assert.deepEqual(run.findings, []);
        assert.match(run.stdout, /^check:metadata: \d+ component\(s\), 0 problem\(s\) in [\d.]+ s: PASS$/m);
    });

    it('prints one header per check', () => {
        const headers = gate('clean')
            .stdout.split('\n')
            .filter((l) => l.startsWith('== '))
            .map((l) => /^== ([a-z +-]+?) \(.*\): 0 problem\(s\)$/.exec(l)?.[1] ?? l);
        assert.deepEqual(headers, ['resolution', 'xml + schema', 'cross-references']);
    });

    it('does not check imports in __tests__ (its test imports a label that does not exist)', () => {
        const testFile = `${FIXTURES}/clean/force-app/main/default/lwc/crmSyncAdminPanel/__tests__/crmSyncAdminPanel.test.ts`;
        assert.match(fs.readFileSync(path.join(repoRoot, testFile), 'utf8'), /c\.CRM_Sync_Test_Only/);
        assert.equal(gate('clean').code, 0);
    });

    it('leaves a reusable type model cache in node_modules/.cache', () => {
        gate('clean');
        const cache = JSON.parse(
            fs.readFileSync(path.join(repoRoot, 'node_modules/.cache/crm-sync-metadata-types.json'), 'utf8')
        );
        assert.match(cache.key, /:1\.9\.0:/, 'cache key names the @salesforce/types version');
        assert.ok(cache.types.NamedCredential && cache.enums.NamedCredentialType, 'cache holds types and enums');
    });
});

describe('resolution', () => {
    it('reports a .cls without its -meta.xml', () => {
        assertOnly(gate('missing-meta'), [at('missing-meta', 'classes/CrmSyncNoMeta.cls', 1, 'metadata/missing-meta')]);
    });

    it('reports a file that is no metadata type', () => {
        assertOnly(gate('unresolved'), [at('unresolved', 'classes/notes.txt', 1, 'metadata/unresolved')]);
    });

    it('reports a root element that does not match the file suffix', () => {
        const run = gate('root-mismatch');
        assertOnly(run, [at('root-mismatch', 'tabs/CRM_Sync_Admin.tab-meta.xml', 2, 'metadata/root-mismatch')]);
        assert.match(run.findings[0].message, /<CustomApplication>.*<CustomTab>/);
    });
});

describe('xml and schema', () => {
    it('reports XML that is not well-formed at the parser line', () => {
        const run = gate('not-well-formed');
        assertOnly(run, [
            at(
                'not-well-formed',
                'customPermissions/CRM_Sync_Manage.customPermission-meta.xml',
                5,
                'xml/not-well-formed'
            )
        ]);
        assert.match(run.findings[0].message, /'label'/);
    });

    it('reports an invalid enum value with the allowed values (bad-nc-type)', () => {
        const run = gate('bad-nc-type');
        assertOnly(run, [
            at('bad-nc-type', 'namedCredentials/CRM_Sync.namedCredential-meta.xml', 18, 'schema/bad-enum')
        ]);
        assert.match(
            run.findings[0].message,
            /'SecureEndpoint' is not a valid NamedCredentialType; did you mean 'SecuredEndpoint'\?/
        );
        assert.match(run.findings[0].message, /allowed: .*PrivateEndpoint/);
    });

    it('shortens long lists of allowed enum values', () => {
        const { message } = findingAt(
            gate('bad-values'),
            at('bad-values', 'flexipages/CRM_Sync_Home.flexipage-meta.xml', 17, 'schema/bad-enum')
        );
        assert.match(message, /'ApplicationPage' is not a valid FlexiPageType/);
        assert.match(message, /AppPage, .*… \(\+\d+ more\)$/);
    });

    it('reports an unknown element and suggests the nearest one', () => {
        const { message } = findingAt(
            gate('unknown-element'),
            at('unknown-element', 'permissionsets/CRM_Sync_Callout.permissionset-meta.xml', 5, 'schema/unknown-element')
        );
        assert.match(message, /<externalCredentialPrincipl>.*did you mean <externalCredentialPrincipal>\?/);
    });

    it('reports the required element that the typo left missing, at its parent', () => {
        assertOnly(gate('unknown-element'), [
            at(
                'unknown-element',
                'permissionsets/CRM_Sync_Callout.permissionset-meta.xml',
                3,
                'schema/missing-required'
            ),
            at('unknown-element', 'permissionsets/CRM_Sync_Callout.permissionset-meta.xml', 5, 'schema/unknown-element')
        ]);
    });

    it('reports a value that is not a boolean', () => {
        findingAt(
            gate('bad-values'),
            at('bad-values', 'customPermissions/CRM_Sync_Manage.customPermission-meta.xml', 4, 'schema/bad-boolean')
        );
    });

    it('reports a value that is not a number', () => {
        findingAt(
            gate('bad-values'),
            at('bad-values', 'objects/CRM_Sync_Log__c/fields/Message__c.field-meta.xml', 6, 'schema/bad-number')
        );
    });

    it('reports a missing required scalar', () => {
        const { message } = findingAt(
            gate('bad-values'),
            at('bad-values', 'objects/CRM_Sync_Log__c/listViews/All.listView-meta.xml', 2, 'schema/missing-required')
        );
        assert.match(message, /<label>/);
    });

    it('reports a single-valued element given twice', () => {
        findingAt(
            gate('bad-values'),
            at(
                'bad-values',
                'customPermissions/CRM_Sync_Manage.customPermission-meta.xml',
                6,
                'schema/duplicate-element'
            )
        );
    });

    it('reports nothing else in bad-values', () => {
        assert.equal(gate('bad-values').findings.length, 5, gate('bad-values').stdout);
    });
});

describe('cross-references', () => {
    it('reports a permission set granting a class that does not exist', () => {
        const run = gate('missing-class');
        assertOnly(run, [
            at('missing-class', 'permissionsets/CRM_Sync_Admin.permissionset-meta.xml', 8, 'xref/apex-class')
        ]);
        assert.match(run.findings[0].message, /CrmSyncMissingController/);
    });

    it('reports an LWC importing a custom label that does not exist, at the import line of the .ts', () => {
        const run = gate('missing-label');
        assertOnly(run, [at('missing-label', 'lwc/crmSyncStatus/crmSyncStatus.ts', 3, 'xref/label')]);
        assert.match(run.findings[0].message, /CRM_Sync_Nope/);
    });

    it('reports a custom label that a translation file leaves untranslated', () => {
        const run = gate('untranslated-label');
        assertOnly(run, [
            at('untranslated-label', 'translations/de.translation-meta.xml', 1, 'xref/untranslated-label')
        ]);
        assert.match(run.findings[0].message, /CRM_Sync_Untranslated has no translation/);
    });

    it('reports an LWC importing an Apex method that is not @AuraEnabled', () => {
        const run = gate('missing-apex-method');
        assertOnly(run, [at('missing-apex-method', 'lwc/crmSyncPanel/crmSyncPanel.ts', 3, 'xref/apex-method')]);
        assert.match(run.findings[0].message, /CrmSyncController\.notAura is not @AuraEnabled/);
    });

    it('reports a principal access naming a principal the external credential does not have', () => {
        const run = gate('dangling-principal');
        assertOnly(run, [
            at(
                'dangling-principal',
                'permissionsets/CRM_Sync_Callout.permissionset-meta.xml',
                6,
                'xref/external-credential-principal'
            )
        ]);
        assert.match(run.findings[0].message, /no principal 'CRM_Sync_Svc' \(its principals: CRM_Sync_Service\)/);
    });

    const BAD = 'bad-references';
    const cases = [
        ['permission set → application', 'permissionsets/CRM_Sync_Admin.permissionset-meta.xml', 4, 'xref/application'],
        [
            'permission set → custom permission',
            'permissionsets/CRM_Sync_Admin.permissionset-meta.xml',
            17,
            'xref/custom-permission'
        ],
        [
            'permission set → custom field on a custom object',
            'permissionsets/CRM_Sync_Admin.permissionset-meta.xml',
            21,
            'xref/field'
        ],
        [
            'permission set → custom field on a standard object',
            'permissionsets/CRM_Sync_Admin.permissionset-meta.xml',
            31,
            'xref/field'
        ],
        ['permission set → custom object', 'permissionsets/CRM_Sync_Admin.permissionset-meta.xml', 42, 'xref/object'],
        ['permission set → tab', 'permissionsets/CRM_Sync_Admin.permissionset-meta.xml', 55, 'xref/tab'],
        [
            'named credential → external credential',
            'namedCredentials/CRM_Sync.namedCredential-meta.xml',
            14,
            'xref/external-credential'
        ],
        ['custom tab → FlexiPage', 'tabs/CRM_Sync_Admin.tab-meta.xml', 4, 'xref/flexipage'],
        ['custom object tab → custom object', 'tabs/CRM_Sync_Gone__c.tab-meta.xml', 3, 'xref/object'],
        [
            'quick action → LWC without lightning__RecordAction',
            'quickActions/User.CRM_Sync_Run.quickAction-meta.xml',
            6,
            'xref/lwc'
        ],
        [
            'quick action targetObject → custom object',
            'quickActions/CRM_Sync_Log__c.New_Gone.quickAction-meta.xml',
            5,
            'xref/object'
        ],
        [
            'FlexiPage → LWC that is not exposed (c: prefix)',
            'flexipages/CRM_Sync_Home.flexipage-meta.xml',
            18,
            'xref/lwc'
        ],
        ['FlexiPage → component that does not exist', 'flexipages/CRM_Sync_Home.flexipage-meta.xml', 24, 'xref/lwc'],
        ['list view column → custom field', 'objects/CRM_Sync_Log__c/listViews/All.listView-meta.xml', 6, 'xref/field'],
        ['translation → custom label', 'translations/de.translation-meta.xml', 9, 'xref/label'],
        ['LWC → Apex class', 'lwc/crmSyncPanel/crmSyncPanel.ts', 3, 'xref/apex-class'],
        ['LWC → custom permission', 'lwc/crmSyncPanel/crmSyncPanel.ts', 4, 'xref/custom-permission'],
        ['LWC → schema field', 'lwc/crmSyncPanel/crmSyncPanel.ts', 6, 'xref/field']
    ];
    for (const [name, file, line, rule] of cases) {
        it(`reports ${name}`, () => {
            findingAt(gate(BAD), at(BAD, file, line, rule));
        });
    }

    it('accepts standard and other-namespace names, and reports nothing else in bad-references', () => {
        // The fixture also references User.Department, standard-Account, standard__LightningSales,
        // otherns__Foreign__c, flexipage:richText and an existing exposed LWC: none of them may be reported.
        const run = gate(BAD);
        assert.equal(run.code, 1);
        assert.deepEqual(
            run.findings.map((f) => f.where).sort(),
            cases.map(([, file, line, rule]) => at(BAD, file, line, rule)).sort(),
            run.stdout
        );
    });
});

describe('several package directories', () => {
    // The User quick action lives in its own, unpackaged directory; its component stays in the packaged one.
    const ACTION = 'force-app-user-action/main/default/quickActions/User.CRM_Sync.quickAction-meta.xml';

    it('checks every directory and resolves a quick action against an LWC of another directory', () => {
        const run = gate('action-directory');
        assert.equal(run.code, 0, `output:\n${run.stdout}${run.stderr}`);
        assert.match(run.stdout, /package directories: \S+\/force-app, \S+\/force-app-user-action\)/);
        assert.match(run.stdout, /^== resolution \(3 deployable files, 1 forceignored, 2 components\)/m);
    });

    it('reports, in the other directory, a quick action whose LWC lacks lightning__RecordAction', () => {
        const fixture = 'action-directory-no-target';
        const run = gate(fixture);
        assertOnly(run, [`${FIXTURES}/${fixture}/${ACTION}:5: xref/lwc`]);
        assert.match(run.findings[0].message, /LWC crmSyncUserAction lacks target lightning__RecordAction/);
    });
});

describe('usage', () => {
    it('exits 2 when the project has no sfdx-project.json', () => {
        const result = runScriptSync('scripts/gate/check-metadata.mjs', ['--project', FIXTURES]);
        assert.equal(result.status, 2, result.stdout + result.stderr);
        assert.match(result.stderr, /no sfdx-project\.json/);
    });
});
