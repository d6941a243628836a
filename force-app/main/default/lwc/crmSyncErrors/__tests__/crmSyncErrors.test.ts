import { toCrmSyncError, UNEXPECTED_ERROR_CODE, type CrmSyncError } from 'c/crmSyncErrors';

const apexFailure = (message: string) => ({ body: { message }, ok: false, status: 500, statusText: 'Server Error' });

const seatsExhausted: CrmSyncError = {
    code: 'SEATS_EXHAUSTED',
    message: 'No Sales Navigator seats are left. Free a seat or buy more, then try again.',
    retryable: false,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
};

describe('c-crm-sync-errors', () => {
    it('passes the JSON error of an AuraHandledException through unchanged', () => {
        expect(toCrmSyncError(apexFailure(JSON.stringify(seatsExhausted)))).toEqual(seatsExhausted);
    });

    it('treats a missing correlation id and retryable flag as null and false', () => {
        const error = toCrmSyncError(apexFailure('{"code":"NOT_PERMITTED","message":"You need the permission set."}'));

        expect(error).toEqual({
            code: 'NOT_PERMITTED',
            message: 'You need the permission set.',
            retryable: false,
            correlationId: null
        });
    });

    it('keeps a plain Apex message under the unexpected code', () => {
        expect(toCrmSyncError(apexFailure('List has no rows for assignment to SObject'))).toEqual({
            code: UNEXPECTED_ERROR_CODE,
            message: 'List has no rows for assignment to SObject',
            retryable: false,
            correlationId: null
        });
    });

    it('takes an ErrorView returned by Apex as it is, without a reference as null', () => {
        expect(toCrmSyncError({ code: 'TIMEOUT', message: 'Too slow.', retryable: true })).toEqual({
            code: 'TIMEOUT',
            message: 'Too slow.',
            retryable: true,
            correlationId: null
        });
    });

    it('does not mistake JSON without code and message for our error', () => {
        expect(toCrmSyncError(apexFailure('{"detail":"x"}')).code).toBe(UNEXPECTED_ERROR_CODE);
    });

    it('reads malformed JSON as a plain message', () => {
        expect(toCrmSyncError(apexFailure('{not json')).message).toBe('{not json');
    });

    it('joins the page and field errors of a UI API failure', () => {
        const uiApiFailure = {
            body: {
                pageErrors: [{ message: 'Record is locked.' }],
                fieldErrors: { Name: [{ message: 'Name is required.' }] }
            }
        };

        expect(toCrmSyncError(uiApiFailure).message).toBe('Record is locked. Name is required.');
    });

    it('reads the output errors of a record form failure', () => {
        const formFailure = { body: { output: { errors: [{ message: 'Duplicate value.' }] } } };

        expect(toCrmSyncError(formFailure).message).toBe('Duplicate value.');
    });

    it('reads a list of wire errors with array bodies and drops repeated messages', () => {
        const wireErrors = [{ body: [{ message: 'Access denied.' }] }, { body: [{ message: 'Access denied.' }] }];

        expect(toCrmSyncError(wireErrors).message).toBe('Access denied.');
    });

    it('uses the message of a script error', () => {
        expect(toCrmSyncError(new TypeError('x is undefined')).message).toBe('x is undefined');
    });

    it('falls back to the status text when a response has no body', () => {
        expect(toCrmSyncError({ status: 503, statusText: 'Service Unavailable' }).message).toBe('Service Unavailable');
    });

    it('uses a thrown string as the message', () => {
        expect(toCrmSyncError('Request timed out').message).toBe('Request timed out');
    });

    it.each([undefined, null, {}, '', 42])('falls back to the translated generic message for %p', (thrown) => {
        expect(toCrmSyncError(thrown)).toEqual({
            code: UNEXPECTED_ERROR_CODE,
            message: 'Something unexpected went wrong. Try again; if it happens again, contact your Salesforce admin.',
            retryable: false,
            correlationId: null
        });
    });
});
