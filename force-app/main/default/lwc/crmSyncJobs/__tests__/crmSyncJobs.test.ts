import {
    appliedToast,
    countsSyncErrors,
    finishToast,
    jobQueryOf,
    jobRequestFor,
    jobStatusLabel,
    operationLabel,
    operationOf,
    userCountLabel
} from 'c/crmSyncJobs';
import type { JobView, UserChangeSummary } from 'crm-sync/apex-types';
import type { UserFilters } from 'c/crmSyncUserFilters';

// Labels are served with their English text (jest/mocks/setup-labels.js).
const filters: UserFilters = {
    searchTerm: 'ada',
    syncFilter: 'off',
    licenseFilter: 'unlicensed',
    statusFilter: 'all',
    includeInactive: true
};

const job: JobView = {
    id: 'a01000000000001AAA',
    name: 'JOB-000012',
    status: 'Completed',
    active: false,
    total: 4564,
    processed: 4564,
    succeeded: 4560,
    failed: 4
};

describe('c-crm-sync-jobs', () => {
    describe('operationOf', () => {
        it.each([
            [{ kind: 'sync', enabled: true } as const, { operation: 'Enable_User_Sync' }],
            [{ kind: 'sync', enabled: false } as const, { operation: 'Disable_User_Sync' }],
            [{ kind: 'license', licenseType: 'CORE' } as const, { operation: 'Assign_License', licenseType: 'CORE' }],
            [{ kind: 'license', licenseType: null } as const, { operation: 'Remove_License' }]
        ])('sends %p as %p', (change, expected) => {
            expect(operationOf(change)).toEqual(expected);
        });
    });

    describe('jobQueryOf and jobRequestFor', () => {
        it('asks for the users the filters match, without sort or page', () => {
            expect(jobRequestFor({ kind: 'sync', enabled: true }, filters)).toEqual({
                operation: 'Enable_User_Sync',
                query: {
                    searchTerm: 'ada',
                    syncFilter: 'off',
                    licenseFilter: 'unlicensed',
                    statusFilter: 'all',
                    includeInactive: true
                }
            });
        });

        it('leaves an empty search out, as the table does', () => {
            expect(jobQueryOf({ ...filters, searchTerm: '' })).not.toHaveProperty('searchTerm');
        });
    });

    describe('operationLabel', () => {
        it.each([
            ['Enable_User_Sync', undefined, 'Enable CRM sync'],
            ['Disable_User_Sync', undefined, 'Disable CRM sync'],
            ['Assign_License', 'Core', 'Assign license: Core'],
            ['Assign_License', undefined, 'Assign license: —'],
            ['Remove_License', undefined, 'Remove license'],
            ['Something_New', undefined, 'Something_New'],
            [undefined, undefined, '—']
        ])('names %s (license %s) "%s"', (operation, licenseLabel, expected) => {
            expect(operationLabel(operation, licenseLabel)).toBe(expected);
        });
    });

    describe('countsSyncErrors', () => {
        it.each([
            ['Retry_Sync_Errors', true],
            ['Enable_User_Sync', false],
            [undefined, false]
        ])('counts sync errors for a %s job: %s', (operation, expected) => {
            expect(countsSyncErrors(operation ? { ...job, operation } : undefined)).toBe(expected);
        });
    });

    describe('jobStatusLabel', () => {
        it.each([
            ['Queued', 'Queued'],
            ['Running', 'Running'],
            ['Completed', 'Completed'],
            ['Completed_With_Failures', 'Completed with failures'],
            ['Cancelled', 'Cancelled'],
            ['Failed', 'Failed'],
            ['Paused', 'Paused'],
            [undefined, '—']
        ])('labels %s "%s"', (status, expected) => {
            expect(jobStatusLabel(status)).toBe(expected);
        });
    });

    describe('userCountLabel', () => {
        it('says "1 user" for one and groups the digits of more', () => {
            expect([userCountLabel(1), userCountLabel(4564)]).toEqual(['1 user', '4,564 users']);
        });
    });

    describe('appliedToast', () => {
        it('counts the changed users in a success toast when none failed', () => {
            const summary: UserChangeSummary = {
                succeeded: 2,
                failed: 0,
                results: [
                    { userId: '1', succeeded: true },
                    { userId: '2', succeeded: true }
                ]
            };

            expect(appliedToast(summary)).toEqual({ title: '2 users changed.', variant: 'success' });
        });

        it('names each distinct reason and the reference in a sticky warning when some failed', () => {
            const summary: UserChangeSummary = {
                correlationId: 'corr-1',
                results: [
                    { userId: '1', succeeded: true },
                    { userId: '2', succeeded: false, message: 'Alan Turing is inactive.' },
                    { userId: '3', succeeded: false, message: 'No Core licenses are left.' },
                    { userId: '4', succeeded: false, message: 'No Core licenses are left.' }
                ]
            };

            expect(appliedToast(summary)).toEqual({
                title: '1 users changed, 3 not changed.',
                message: 'Alan Turing is inactive. No Core licenses are left. Reference for support: corr-1',
                variant: 'warning',
                mode: 'sticky'
            });
        });

        it('leaves the message out when the failures carry no reason and no reference', () => {
            expect(appliedToast({ results: [{ userId: '1', succeeded: false }] })).toEqual({
                title: '0 users changed, 1 not changed.',
                variant: 'warning',
                mode: 'sticky'
            });
        });

        it('counts nothing when the answer has no results', () => {
            expect(appliedToast(undefined)).toEqual({ title: '0 users changed.', variant: 'success' });
        });

        it('says "1 user", not "1 users"', () => {
            expect(appliedToast({ results: [{ userId: '005000000000001AAA', succeeded: true }] })).toEqual({
                title: '1 user changed.',
                variant: 'success'
            });
        });
    });

    describe('finishToast', () => {
        it('reports a completed job as a success', () => {
            expect(finishToast(job)).toEqual({
                title: 'Job JOB-000012 is done: 4,560 users changed.',
                variant: 'success'
            });
        });

        it('warns about a job completed with failures', () => {
            expect(finishToast({ ...job, status: 'Completed_With_Failures' })).toEqual({
                title: 'Job JOB-000012 is done: 4,560 users changed, 4 failed. The summary above the user list says why.',
                variant: 'warning'
            });
        });

        it('warns about a cancelled job and says how far it got', () => {
            expect(finishToast({ ...job, status: 'Cancelled', processed: 2000 })).toEqual({
                title: 'Job JOB-000012 was cancelled after 2,000 of 4,564 users. Users already sent keep their change.',
                variant: 'warning'
            });
        });

        it('reports a failed job as a sticky error with its message and reference', () => {
            const failed: JobView = {
                ...job,
                status: 'Failed',
                processed: 1000,
                errorMessage: 'The job stopped.',
                correlationId: 'corr-job'
            };

            expect(finishToast(failed)).toEqual({
                title: 'Job JOB-000012 stopped after 1,000 of 4,564 users.',
                message: 'The job stopped. Reference for support: corr-job',
                variant: 'error',
                mode: 'sticky'
            });
        });

        it.each([
            ['Completed', 'Job JOB-000012 is done: 4,560 sync errors resolved.'],
            [
                'Completed_With_Failures',
                'Job JOB-000012 is done: 4,560 sync errors resolved, 4 failed again. The summary above the user list names the fix.'
            ],
            [
                'Cancelled',
                'Job JOB-000012 was cancelled after 4,564 of 4,564 sync errors. Errors already retried keep their outcome.'
            ],
            ['Failed', 'Job JOB-000012 stopped after 4,564 of 4,564 sync errors.']
        ])('counts sync errors, not users, when a %s job retried them', (status, title) => {
            expect(finishToast({ ...job, operation: 'Retry_Sync_Errors', status }).title).toBe(title);
        });

        it.each([
            ['Completed', 'Job  is done: 0 users changed.'],
            [
                'Completed_With_Failures',
                'Job  is done: 0 users changed, 0 failed. The summary above the user list says why.'
            ]
        ])('counts nothing for a %s job without counts', (status, title) => {
            expect(finishToast({ status }).title).toBe(title);
        });

        it('reports a failed job without details with the title alone', () => {
            expect(finishToast({ status: 'Failed' })).toEqual({
                title: 'Job  stopped after 0 of 0 users.',
                variant: 'error',
                mode: 'sticky'
            });
        });
    });
});
