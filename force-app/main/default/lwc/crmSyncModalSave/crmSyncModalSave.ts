// How the connection modals save ("Continue"): one Apex call at a time, with a spinner and the modal held open
// while it runs, and a failure kept inside the modal as the CrmSyncError its alert shows (its "Try again" saves
// again).
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';

/** The fields of a modal that `saveOnce` sets; LWC re-renders the modal on each assignment. */
export interface SavingModal {
    saving: boolean;
    error?: CrmSyncError;
    /** LightningModal's: while true, Escape and the close button cannot dismiss the modal. */
    disableClose: boolean;
}

/**
 * Runs `save` unless the modal is already saving (a double click saves once). Meanwhile `saving` and `disableClose`
 * are true; `error` is cleared first and holds the normalised failure when `save` throws. Never rejects.
 * Resolves with what `save` returned, or undefined when it failed or did not run. Close the modal only after this
 * resolves: LightningModal ignores close() while `disableClose` is still true.
 */
export async function saveOnce<T>(modal: SavingModal, save: () => Promise<T>): Promise<T | undefined> {
    if (modal.saving) {
        return undefined;
    }
    modal.saving = true;
    modal.disableClose = true;
    modal.error = undefined;
    try {
        return await save();
    } catch (failure) {
        modal.error = toCrmSyncError(failure);
        return undefined;
    } finally {
        modal.saving = false;
        modal.disableClose = false;
    }
}
