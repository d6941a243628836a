// The Apex budget that bench:users prints is read from the Apex: these tests pin what it reads from the package's
// license table call, and that it follows calls, sees loops and recognises callouts in classes made for the test.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { apexBudget } from '../lib/apex-budget.mjs';
import { readProject } from '../lib/project.mjs';
import { repoRoot, tempDirs } from './helpers.mjs';

const tempDir = tempDirs('crm-sync-budget-');

const count = (sites, kind) => sites.filter((site) => site.kind === kind).length;

function classesIn(files) {
    const dir = tempDir();
    for (const [name, source] of Object.entries(files)) {
        writeFileSync(path.join(dir, `${name}.cls`), source);
    }
    return [dir];
}

test('one license table page costs one cursor, one page read and one query, with no DML and no callout', async () => {
    const { sites } = await apexBudget('CrmSyncAdminController.getUsers', readProject(repoRoot).packageDirs);
    const summary = Object.fromEntries(
        ['soql', 'cursor', 'cursor fetch', 'dml', 'callout', 'enqueue'].map((kind) => [kind, count(sites, kind)])
    );
    assert.deepEqual(
        summary,
        { soql: 1, cursor: 1, 'cursor fetch': 1, dml: 0, callout: 0, enqueue: 0 },
        `getUsers reaches: ${JSON.stringify(sites)}`
    );
    assert.equal(sites.filter((site) => site.inLoop).length, 0, 'no query of getUsers may run in a loop');
});

test('a query in a method called from a loop body counts as in a loop', async () => {
    const dirs = classesIn({
        Entry: [
            'public class Entry {',
            '    private final Reader reader = new Reader();',
            '    public void run(List<Id> ids) {',
            '        for (Id id : ids) {',
            '            reader.read(id);',
            '        }',
            '    }',
            '}'
        ].join('\n'),
        Reader: [
            'public class Reader {',
            '    public Account read(Id id) {',
            '        return [SELECT Id FROM Account WHERE Id = :id];',
            '    }',
            '}'
        ].join('\n')
    });
    const { methods, sites } = await apexBudget('Entry.run', dirs);
    assert.deepEqual(methods, ['Entry.run', 'Reader.read']);
    assert.deepEqual(
        sites.map(({ kind, site, inLoop }) => ({ kind, site, inLoop })),
        [{ kind: 'soql', site: 'Reader.read', inLoop: true }]
    );
});

test('the query of a for loop header runs once and is not in a loop', async () => {
    const dirs = classesIn({
        Entry: [
            'public class Entry {',
            '    public void run() {',
            '        for (Account account : [SELECT Id FROM Account]) {',
            '            System.debug(account);',
            '        }',
            '    }',
            '}'
        ].join('\n')
    });
    assert.deepEqual(
        (await apexBudget('Entry.run', dirs)).sites.map(({ kind, inLoop }) => ({ kind, inLoop })),
        [{ kind: 'soql', inLoop: false }]
    );
});

test('callouts, DML statements, Database methods and constructor-chained calls are recognised', async () => {
    const dirs = classesIn({
        Entry: [
            'public class Entry {',
            '    public void run(Account account) {',
            '        HttpResponse response = new Http().send(new HttpRequest());',
            '        Http http = new Http();',
            '        http.send(new HttpRequest());',
            '        insert account;',
            '        Database.update(account, AccessLevel.USER_MODE);',
            '        new Writer(account).write();',
            '    }',
            '}'
        ].join('\n'),
        Writer: [
            'public class Writer {',
            '    private final Account account;',
            '    public Writer(Account account) { this.account = account; }',
            '    public void write() { System.enqueueJob(new Job(account)); }',
            '}'
        ].join('\n')
    });
    const { sites } = await apexBudget('Entry.run', dirs);
    assert.deepEqual(
        sites.map(({ kind, site }) => `${kind}@${site}`),
        ['callout@Entry.run', 'callout@Entry.run', 'dml@Entry.run', 'dml@Entry.run', 'enqueue@Writer.write']
    );
});

test('an entry point that does not exist is an error, not an empty budget', async () => {
    await assert.rejects(
        apexBudget('CrmSyncAdminController.noSuchMethod', readProject(repoRoot).packageDirs),
        /CrmSyncAdminController.noSuchMethod: no such method/
    );
});
