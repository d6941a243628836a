// Reads `sf project deploy start|validate --json` on stdin and reports the result, with a probe of the parts an
// org may refuse although every offline check passed: the User quick action, the FlexiPage and the credentials.
// The platform's own error text is quoted verbatim. Exits 1 when the deploy failed.
//
// `--user-action` reports the separate deploy of force-app-user-action: whether an org accepts an LWC quick action
// on User is undocumented, so when the quick action is all the org refused, that is a warning naming the fallback
// (exit 0), not a failure. Anything else that fails in that step still fails it.
import { text } from 'node:stream/consumers';

const PROBED = {
    QuickAction: 'User quick action',
    FlexiPage: 'FlexiPage (CRM Sync app page)',
    NamedCredential: 'named credential CRM_Sync',
    ExternalCredential: 'external credential CRM_Sync'
};

const args = process.argv.slice(2);
const unknown = args.find((arg) => arg !== '--user-action');
if (unknown) {
    console.error(`error: unknown argument ${unknown} (usage: report-deploy.mjs [--user-action] < deploy.json)`);
    process.exit(2);
}
const userActionStep = args.includes('--user-action');

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
// The user-action step also carries force-app when validating; only the quick action is news there.
const probed = userActionStep ? { QuickAction: PROBED.QuickAction } : PROBED;

console.log('Platform probe:');
for (const [type, what] of Object.entries(probed)) {
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
for (const component of failures.filter((c) => !(c.componentType in probed))) {
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
const onlyActionRefused =
    userActionStep &&
    !succeeded &&
    testFailures.length === 0 &&
    failures.length > 0 &&
    failures.every((component) => component.componentType === 'QuickAction');
if (onlyActionRefused) {
    const advice = 'Use the record page component instead: add CRM Sync to the User record page';
    console.log(
        'warning: the org refused the User quick action (error above), which the rest of CRM Sync does not need. ' +
            `${advice} (README.md, "User record action").`
    );
    if (process.env.GITHUB_ACTIONS === 'true') {
        const problems = failures.map((component) => `${component.fullName}: ${component.problem}`);
        // Workflow command data: %, CR and LF must be escaped or the annotation is cut short.
        const data = [`The org refused the User quick action. ${advice}.`, ...problems]
            .join('\n')
            .replace(/%/g, '%25')
            .replace(/\r/g, '%0D')
            .replace(/\n/g, '%0A');
        console.log(`::warning title=User quick action refused::${data}`);
    }
} else {
    console.log(succeeded ? `Deploy ${result.status ?? 'Succeeded'}.` : 'Deploy FAILED.');
    process.exitCode = succeeded ? 0 : 1;
}
