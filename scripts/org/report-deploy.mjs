// Reads `sf project deploy start|validate --json` on stdin and reports the result, with a probe of the parts an
// org may refuse although every offline check passed: the User quick action, the FlexiPage and the credentials.
// The platform's own error text is quoted verbatim. Exits 1 when the deploy failed.
import { text } from 'node:stream/consumers';

const PROBED = {
    QuickAction: 'User quick action',
    FlexiPage: 'FlexiPage (CRM Sync app page)',
    NamedCredential: 'named credential CRM_Sync',
    ExternalCredential: 'external credential CRM_Sync'
};

const raw = await text(process.stdin);
let output;
try {
    output = JSON.parse(raw);
} catch {
    console.error(`error: the CLI did not answer with JSON:\n${raw}`);
    process.exit(1);
}
const result = output.result ?? {};
const details = result.details ?? {};
const asList = (value) => (value === undefined ? [] : [value].flat());
const failures = asList(details.componentFailures);
const successes = asList(details.componentSuccesses);

console.log('Platform probe:');
for (const [type, what] of Object.entries(PROBED)) {
    const failed = failures.filter((component) => component.componentType === type);
    const accepted = successes.some((component) => component.componentType === type);
    if (failed.length > 0) {
        for (const component of failed) {
            console.log(`  REFUSED   ${what} (${component.fullName}): ${component.problem}`);
        }
    } else if (accepted) {
        console.log(`  accepted  ${what}`);
    } else {
        console.log(`  not in this deploy: ${what}`);
    }
}
for (const component of failures.filter((c) => !(c.componentType in PROBED))) {
    console.log(`  REFUSED   ${component.componentType} ${component.fullName}: ${component.problem}`);
}
const testFailures = asList(details.runTestResult?.failures);
for (const test of testFailures) {
    console.log(`  TEST FAILED ${test.name}.${test.methodName}: ${test.message}`);
}

const succeeded = output.status === 0 && result.success !== false;
if (!succeeded && failures.length === 0 && testFailures.length === 0) {
    console.log(`  ${output.name ?? 'Error'}: ${output.message ?? result.errorMessage ?? 'the deploy failed'}`);
}
console.log(succeeded ? `Deploy ${result.status ?? 'Succeeded'}.` : 'Deploy FAILED.');
process.exitCode = succeeded ? 0 : 1;
