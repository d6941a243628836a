import { saveOnce, type SavingModal } from 'c/crmSyncModalSave';
import { apexError, deferred } from 'crm-sync/test-utils';

const backendDown = {
    code: 'BACKEND_ERROR',
    message: 'The CRM sync service has a problem right now. Nothing was changed.',
    retryable: true,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
};

function modal(fields: Partial<SavingModal> = {}): SavingModal {
    return { saving: false, disableClose: false, ...fields };
}

describe('c-crm-sync-modal-save', () => {
    it('holds the modal open and shows it saving while the call runs, and releases it afterwards', async () => {
        const call = deferred<void>();
        const target = modal();

        const saved = saveOnce(target, () => call.promise);

        expect(target).toEqual({ saving: true, disableClose: true, error: undefined });
        call.resolve();
        await saved;
        expect(target).toEqual({ saving: false, disableClose: false, error: undefined });
    });

    it('does not call again while a call is running', async () => {
        const save = jest.fn(() => Promise.resolve());

        await saveOnce(modal({ saving: true }), save);

        expect(save).not.toHaveBeenCalled();
    });

    it('keeps the failure as the error the modal shows, and clears it on the next save', async () => {
        const target = modal();

        await saveOnce(target, () => Promise.reject(apexError(backendDown)));
        expect(target).toEqual({ saving: false, disableClose: false, error: backendDown });

        await saveOnce(target, () => Promise.resolve());
        expect(target.error).toBeUndefined();
    });

    it('resolves with what the call returned, after closing is allowed again', async () => {
        const target = modal();

        const result = await saveOnce(target, () => Promise.resolve({ outcome: 'LINKED' }));

        expect(result).toEqual({ outcome: 'LINKED' });
        expect(target.disableClose).toBe(false);
    });

    it('resolves with nothing when the call failed or did not run', async () => {
        await expect(saveOnce(modal(), () => Promise.reject(apexError(backendDown)))).resolves.toBeUndefined();
        await expect(saveOnce(modal({ saving: true }), () => Promise.resolve('saved'))).resolves.toBeUndefined();
    });
});
