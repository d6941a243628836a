import CrmSyncUserSyncErrors from 'c/crmSyncUserSyncErrors';
import getUserSyncErrors from '@salesforce/apex/CrmSyncUserActionController.getUserSyncErrors';
import retryUserSyncErrors from '@salesforce/apex/CrmSyncUserActionController.retryUserSyncErrors';
import type { SyncErrorPage, SyncErrorRetry, SyncErrorView } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import type { UserStateChangeDetail } from 'c/crmSyncUserSyncErrors';
import type { BaseComponent } from 'crm-sync/test-utils';
import { apexError, captureEvents, flushPromises, query, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncUserActionController.getUserSyncErrors', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncUserActionController.retryUserSyncErrors', () => ({ default: jest.fn() }), {
    virtual: true
});

type Element = HTMLElement & { userId?: string; status?: string };
type Alert = HTMLElement & { error?: CrmSyncError };

const getMock = getUserSyncErrors as jest.MockedFunction<typeof getUserSyncErrors>;
const retryMock = retryUserSyncErrors as jest.MockedFunction<typeof retryUserSyncErrors>;

const USER = '0057Q0000000004QAA';
const locked: SyncErrorView = {
    id: 'se-1',
    userId: USER,
    userName: 'Björn Weiß',
    cause: 'crm_user_locked',
    causeLabel: 'CRM account locked',
    fix: "The user's CRM account is locked or deactivated. Unlock it in the CRM's admin console, then retry.",
    message: 'The CRM user is locked; unlock it in the CRM admin console.',
    recordType: 'activity',
    recordsLabel: 'Activities: 12',
    lastSeenAt: '2026-11-27T06:00:00.000Z'
};
const sevenOpen: SyncErrorPage = { errors: [locked], groups: [], total: 7, userName: 'Björn Weiß' };
const resolved: SyncErrorRetry = {
    resolved: 7,
    failed: 0,
    unknown: 0,
    remaining: 0,
    stillFailing: [],
    states: [{ userId: USER, status: 'Synced', syncEnabled: true }]
};
const unavailable: CrmSyncError = {
    code: 'BACKEND_ERROR',
    message: 'The CRM sync service has a problem right now.',
    retryable: true,
    correlationId: 'c1d2e3f4-0000-4000-8000-000000000001'
};

async function render(status: string, page: SyncErrorPage = sevenOpen): Promise<Element> {
    getMock.mockResolvedValue(page);
    const element = renderElement<Element>('c-crm-sync-user-sync-errors', CrmSyncUserSyncErrors, {
        userId: USER,
        status
    });
    await flushPromises();
    return element;
}

const text = (element: HTMLElement, id: string) => query(element, `[data-id="${id}"]`)?.textContent?.trim();
const retryButton = (element: HTMLElement) => query<BaseComponent>(element, 'lightning-button[data-id="retry"]');

describe('c-crm-sync-user-sync-errors', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('reads nothing and shows nothing for a user who syncs', async () => {
        const element = await render('Synced');
        expect(getMock).not.toHaveBeenCalled();
        expect(query(element, 'section')).toBeNull();
    });

    it("lists an erring user's newest errors with cause, records, message and fix", async () => {
        const element = await render('Error');
        expect(getMock).toHaveBeenCalledWith({ userId: USER });
        expect(text(element, 'cause')).toBe('CRM account locked');
        expect(text(element, 'records')).toBe('Activities: 12');
        expect(text(element, 'message')).toBe(locked.message);
        expect(text(element, 'fix')).toContain(locked.fix);
        expect(text(element, 'more')).toBe(
            'Open errors not shown here: 6. The Sync errors section of the CRM Sync tab lists them all.'
        );
        expect(retryButton(element)?.label).toBe('Retry sync');
        await expect(element).toBeAccessible();
    });

    it('reads the errors of a not matched user too', async () => {
        await render('Not_Matched');
        expect(getMock).toHaveBeenCalledTimes(1);
    });

    it("retries the user's errors, says what happened and hands the new state to the action", async () => {
        const element = await render('Error');
        const changes = captureEvents<UserStateChangeDetail>(element, 'statechange');
        retryMock.mockResolvedValue(resolved);
        getMock.mockResolvedValue({ errors: [], groups: [], total: 0 });
        retryButton(element)?.click();
        await flushPromises();
        expect(retryMock).toHaveBeenCalledWith({ userId: USER });
        expect(text(element, 'outcome')).toBe('Retry finished. Resolved: 7. Still failing: 0. No longer open: 0.');
        expect(changes).toEqual([{ state: resolved.states?.[0] }]);
        expect(retryButton(element)).toBeNull();
    });

    it('shows a failed retry with Try again, which retries again', async () => {
        const element = await render('Error');
        retryMock.mockRejectedValueOnce(apexError(unavailable, 503));
        retryButton(element)?.click();
        await flushPromises();
        const alert = query<Alert>(element, 'c-crm-sync-error-alert');
        expect(alert?.error?.code).toBe('BACKEND_ERROR');
        expect(retryButton(element)?.disabled).toBe(false);

        retryMock.mockResolvedValue(resolved);
        alert?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();
        expect(retryMock).toHaveBeenCalledTimes(2);
        await expect(element).toBeAccessible();
    });

    it('shows why the errors could not be read and reads them again on Try again', async () => {
        getMock.mockRejectedValueOnce(apexError(unavailable, 503));
        const element = renderElement<Element>('c-crm-sync-user-sync-errors', CrmSyncUserSyncErrors, {
            userId: USER,
            status: 'Error'
        });
        await flushPromises();
        expect(query<Alert>(element, 'c-crm-sync-error-alert')?.error?.code).toBe('BACKEND_ERROR');
        getMock.mockResolvedValue(sevenOpen);
        query(element, 'c-crm-sync-error-alert')?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();
        expect(text(element, 'cause')).toBe('CRM account locked');
    });
});
