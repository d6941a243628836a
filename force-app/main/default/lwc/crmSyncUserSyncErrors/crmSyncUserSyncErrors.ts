// A user's newest open sync errors in the User record action and on the record page: cause, affected records, what
// the backend said and the fix, with one "Retry sync" for all of the user's errors. It reads them only while the
// user's status is Error or Not matched. After a retry the user's new state goes to the action in `statechange`.
import { LightningElement, api } from 'lwc';
import getUserSyncErrors from '@salesforce/apex/CrmSyncUserActionController.getUserSyncErrors';
import retryUserSyncErrors from '@salesforce/apex/CrmSyncUserActionController.retryUserSyncErrors';
import type { SyncErrorPage, UserState } from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { formatLabel, retryOutcome } from 'c/crmSyncFormat';
import { LABELS } from 'c/crmSyncLabels';

/** The statuses the backend explains with sync errors (CRM_Sync_User__c.Status__c values). */
const STATUSES_WITH_ERRORS = ['Error', 'Not_Matched'];

export interface UserStateChangeDetail {
    state: UserState;
}

export default class CrmSyncUserSyncErrors extends LightningElement {
    labels = LABELS;
    errorPage?: SyncErrorPage;
    error?: CrmSyncError;
    loading = false;
    retrying = false;
    outcome?: string;
    private _userId?: string;
    private _status?: string;
    private loadedKey?: string;
    private lastAttempt?: () => Promise<void>;

    @api
    get userId(): string | undefined {
        return this._userId;
    }
    set userId(value: string | undefined) {
        this._userId = value;
        void this.load();
    }

    /** The user's stored status; errors are read only for Error and Not matched. */
    @api
    get status(): string | undefined {
        return this._status;
    }
    set status(value: string | undefined) {
        this._status = value;
        void this.load();
    }

    get shown(): boolean {
        return STATUSES_WITH_ERRORS.includes(this._status ?? '') || this.outcome !== undefined;
    }

    get busyText(): string {
        return this.retrying ? LABELS.syncErrorsRetrying : LABELS.loading;
    }

    get busy(): boolean {
        return this.loading || this.retrying;
    }

    get rows() {
        return this.errorPage?.errors ?? [];
    }

    get moreText(): string | undefined {
        const more = (this.errorPage?.total ?? 0) - this.rows.length;
        return more > 0 ? formatLabel(LABELS.userErrorsMore, more) : undefined;
    }

    get canRetry(): boolean {
        return this.rows.length > 0 && !this.busy;
    }

    get retryDisabled(): boolean {
        return !this.canRetry;
    }

    async handleRetry(): Promise<void> {
        const userId = this._userId;
        if (!userId || this.retrying) {
            return;
        }
        this.lastAttempt = () => this.handleRetry();
        this.retrying = true;
        this.error = undefined;
        this.outcome = undefined;
        try {
            const result = await retryUserSyncErrors({ userId });
            this.outcome = retryOutcome(result, true);
            const state = result.states?.[0];
            if (state) {
                this.dispatchEvent(new CustomEvent<UserStateChangeDetail>('statechange', { detail: { state } }));
            }
        } catch (failure) {
            this.error = toCrmSyncError(failure);
            return;
        } finally {
            this.retrying = false;
        }
        this.loadedKey = undefined;
        await this.load();
    }

    handleTryAgain(): void {
        void this.lastAttempt?.();
    }

    /** Reads the user's errors once per user and status; nothing for a status without errors. */
    private async load(): Promise<void> {
        const userId = this._userId;
        const key = `${userId}/${this._status}`;
        if (!userId || key === this.loadedKey) {
            return;
        }
        this.loadedKey = key;
        if (!STATUSES_WITH_ERRORS.includes(this._status ?? '')) {
            this.errorPage = undefined;
            return;
        }
        this.lastAttempt = () => {
            this.loadedKey = undefined;
            return this.load();
        };
        this.loading = true;
        this.error = undefined;
        try {
            const page = await getUserSyncErrors({ userId });
            if (key === this.loadedKey) {
                this.errorPage = page;
            }
        } catch (failure) {
            if (key === this.loadedKey) {
                this.error = toCrmSyncError(failure);
            }
        } finally {
            if (key === this.loadedKey) {
                this.loading = false;
            }
        }
    }
}
