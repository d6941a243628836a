// One row of the license table as plain functions: what the row shows, what its "Edit" menu offers, and which
// change a menu item stands for. The rows themselves stay in crmSyncUserTable's template: a child component would
// put its host element between <tbody> and <tr> (and the <tr> into a shadow root), which breaks the table's layout
// and its semantics — assistive technology would no longer find rows, row headers and column headers. So the table
// keeps the DOM, the saving state and the Apex calls, and asks this module what to render and what to send.
import type { LicensePool, UserChangeResult, UserState } from 'crm-sync/apex-types';
import { LABELS } from 'c/crmSyncLabels';
import { formatLabel, statusLabel } from 'c/crmSyncFormat';

/** A pool a license can be assigned from. */
export interface Pool {
    licenseType: string;
    label: string;
}

export interface MenuItem {
    value: string;
    label: string;
}

/** What the table's template reads for one row. */
export interface RowView {
    userId: string;
    name: string;
    isInactive: boolean;
    username: string;
    email: string;
    profileName: string;
    licenseLabel: string;
    syncLabel: string;
    statusLabel: string;
    /** Error and Not matched link to the user's sync errors; this names the link for assistive technology. */
    errorsLinkLabel?: string;
    lastSyncedAt?: string;
    selected: boolean;
    selectLabel: string;
    saving: boolean;
    menuDisabled: boolean;
    syncChecked: boolean;
    assignItems: MenuItem[];
    canRemoveLicense: boolean;
    errorMessage?: string;
}

/** What the table knows about a row besides the user's state. */
export interface RowContext {
    /** The seat pools as the backend lists them now; undefined while they cannot be read. */
    pools: Pool[] | undefined;
    connected: boolean;
    selected: boolean;
    saving: boolean;
    errorMessage?: string;
}

/** A change chosen in a row's "Edit" menu: toggle sync, or assign (a type) or remove (null) the license. */
export type RowChange = { kind: 'sync'; enabled: boolean } | { kind: 'license'; licenseType: string | null };

/** The statuses the backend explains with sync errors (CRM_Sync_User__c.Status__c values). */
const STATUSES_WITH_ERRORS = new Set(['Error', 'Not_Matched']);

// The values of the template's menu items: "Enable CRM sync" is `sync`, "Remove license" is `remove`, and each
// "Assign license: <pool>" is `assign:<license type>`.
const SYNC_ITEM = 'sync';
const REMOVE_ITEM = 'remove';
const ASSIGN_PREFIX = 'assign:';

export function userIdOf(item: { userId?: string }): string {
    return item.userId ?? '';
}

/** The pools a license can be assigned from; a pool without a type cannot be chosen. */
export function toPools(licensePools: LicensePool[] | undefined): Pool[] {
    const pools: Pool[] = [];
    for (const { licenseType, label } of licensePools ?? []) {
        if (licenseType) {
            pools.push({ licenseType, label: label ?? licenseType });
        }
    }
    return pools;
}

/** A license type's label; a type the pools do not list shows its code rather than nothing. */
export function poolLabel(pools: Pool[], licenseType: string): string {
    return pools.find((pool) => pool.licenseType === licenseType)?.label ?? licenseType;
}

/**
 * The name of the user's license: the live pool's; only while the pools cannot be read, the name last stored with
 * the user's state (a backend that is down must not turn "Core" into "CORE").
 */
export function licenseName(row: UserState, pools: Pool[] | undefined): string {
    if (!row.licenseType) {
        return LABELS.noLicense;
    }
    return pools ? poolLabel(pools, row.licenseType) : (row.licenseLabel ?? row.licenseType);
}

export function toRowView(row: UserState, context: RowContext): RowView {
    const name = row.name ?? '';
    return {
        userId: userIdOf(row),
        name,
        isInactive: row.isActive === false,
        username: row.username ?? '',
        email: row.email ?? '',
        profileName: row.profileName ?? LABELS.notAvailable,
        licenseLabel: licenseName(row, context.pools),
        syncLabel: row.syncEnabled === true ? LABELS.on : LABELS.off,
        statusLabel: statusLabel(row.status),
        errorsLinkLabel: STATUSES_WITH_ERRORS.has(row.status ?? '')
            ? formatLabel(LABELS.syncErrorsShowForUser, statusLabel(row.status), name)
            : undefined,
        lastSyncedAt: row.lastSyncedAt,
        selected: context.selected,
        selectLabel: formatLabel(LABELS.selectUser, name),
        saving: context.saving,
        menuDisabled: context.saving || !context.connected,
        // lightning-menu-item renders a checkbox item only when `checked` is a real boolean: undefined makes it plain.
        syncChecked: row.syncEnabled === true,
        assignItems: (context.pools ?? [])
            .filter((pool) => pool.licenseType !== row.licenseType)
            .map((pool) => ({
                value: ASSIGN_PREFIX + pool.licenseType,
                label: formatLabel(LABELS.assignLicense, pool.label)
            })),
        canRemoveLicense: Boolean(row.licenseType),
        errorMessage: context.errorMessage
    };
}

/** The change a menu item's value stands for; "Enable CRM sync" turns sync the other way from what it is. */
export function changeFor(row: UserState, choice: string): RowChange {
    if (choice === SYNC_ITEM) {
        return { kind: 'sync', enabled: row.syncEnabled !== true };
    }
    if (choice === REMOVE_ITEM) {
        return { kind: 'license', licenseType: null };
    }
    return { kind: 'license', licenseType: choice.slice(ASSIGN_PREFIX.length) };
}

/** The toast after the change succeeded, e.g. "CRM sync is now enabled for Ada Lovelace." */
export function successMessage(row: UserState, change: RowChange, pools: Pool[]): string {
    const name = row.name ?? '';
    if (change.kind === 'sync') {
        return formatLabel(change.enabled ? LABELS.userSyncEnabled : LABELS.userSyncDisabled, name);
    }
    return change.licenseType === null
        ? formatLabel(LABELS.licenseRemoved, name)
        : formatLabel(LABELS.licenseAssigned, name, poolLabel(pools, change.licenseType));
}

/** The states Apex confirmed: those of the succeeded results. */
export function succeededStates(results: UserChangeResult[]): UserState[] {
    const states: UserState[] = [];
    for (const result of results) {
        if (result.succeeded === true && result.userId && result.state) {
            states.push(result.state);
        }
    }
    return states;
}

/** The rows with each given state in place of its user's row; other rows, and states of users not shown, are left. */
export function withStates(rows: UserState[], states: UserState[]): UserState[] {
    const byUser = new Map(states.map((state) => [userIdOf(state), state]));
    return rows.map((row) => byUser.get(userIdOf(row)) ?? row);
}
