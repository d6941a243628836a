// Reads `sf apex run test --code-coverage --json` on stdin, prints failures and the coverage of the package's
// classes (CrmSync*, test classes excluded), and exits 1 on a failing test or coverage below --min-coverage.
import { parseArgs } from 'node:util';
import { text } from 'node:stream/consumers';

const { values } = parseArgs({ options: { 'min-coverage': { type: 'string', default: '90' } } });
const minimum = Number(values['min-coverage']);

const output = JSON.parse(await text(process.stdin));
const result = output.result ?? {};
const tests = result.tests ?? [];
const failed = tests.filter((test) => test.Outcome !== 'Pass');
for (const test of failed) {
    console.log(`FAILED ${test.FullName}: ${test.Message}\n${test.StackTrace ?? ''}`);
}

// Only the package's own production classes count; CrmSyncBackendFixtures and the test helpers are @IsTest.
const classes = (result.coverage?.coverage ?? []).filter((entry) => /^CrmSync/.test(entry.name));
let covered = 0;
let total = 0;
for (const entry of classes) {
    covered += entry.totalCovered;
    total += entry.totalLines;
    console.log(`  ${String(entry.coveredPercent).padStart(3)} %  ${entry.name}`);
}
const percent = total === 0 ? 0 : Math.floor((covered / total) * 100);
console.log(`Tests: ${tests.length - failed.length} passed, ${failed.length} failed`);
console.log(`Package coverage: ${percent} % (${covered}/${total} lines), minimum ${minimum} %`);
if (tests.length === 0) {
    console.log(`No tests ran: ${output.message ?? 'check the org'}`);
}
process.exitCode = failed.length > 0 || tests.length === 0 || percent < minimum ? 1 : 0;
