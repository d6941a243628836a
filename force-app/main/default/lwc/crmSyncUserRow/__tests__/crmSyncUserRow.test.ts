import {
    changeFor,
    licenseName,
    poolLabel,
    succeededStates,
    successMessage,
    toPools,
    toRowView,
    userIdOf,
    withStates
} from 'c/crmSyncUserRow';
import type { Pool, RowContext } from 'c/crmSyncUserRow';
import type { UserState } from 'crm-sync/apex-types';

// Labels are served with their English text (jest/mocks/setup-labels.js).
const ADA = '005000000000001AAA';
const GRACE = '005000000000002AAA';

const pools: Pool[] = [
    { licenseType: 'CORE', label: 'Core' },
    { licenseType: 'PRO', label: 'Professional' }
];

const ada: UserState = {
    userId: ADA,
    name: 'Ada Lovelace',
    username: 'ada@example.com.crm',
    email: 'ada@example.com',
    profileName: 'Standard User',
    isActive: true,
    syncEnabled: true,
    licenseType: 'CORE',
    status: 'Synced',
    lastSyncedAt: '2025-03-01T09:30:00.000Z'
};
const grace: UserState = { userId: GRACE, name: 'Grace Hopper', isActive: false, syncEnabled: false };

const context: RowContext = { pools, connected: true, selected: false, saving: false };

describe('c-crm-sync-user-row', () => {
    describe('toPools and poolLabel', () => {
        it('offers only pools with a type, labelled with their type when they have no label', () => {
            expect(
                toPools([{ licenseType: 'CORE' }, { label: 'No type' }, { licenseType: 'PRO', label: 'Pro' }])
            ).toEqual([
                { licenseType: 'CORE', label: 'CORE' },
                { licenseType: 'PRO', label: 'Pro' }
            ]);
            expect(toPools(undefined)).toEqual([]);
        });

        it('names a license type by its pool, or by its code when no pool lists it', () => {
            expect(poolLabel(pools, 'PRO')).toBe('Professional');
            expect(poolLabel(pools, 'LEGACY')).toBe('LEGACY');
        });
    });

    describe('licenseName', () => {
        const stored: UserState = { ...ada, licenseType: 'PRO', licenseLabel: 'Pro (stored)' };

        it('uses the live pools whenever they could be read, not the name stored with the state', () => {
            expect(licenseName(stored, pools)).toBe('Professional');
            expect(licenseName({ ...stored, licenseType: 'LEGACY' }, pools)).toBe('LEGACY');
            expect(licenseName(stored, [])).toBe('PRO');
        });

        it('falls back to the stored name only while the pools cannot be read, then to the code', () => {
            expect(licenseName(stored, undefined)).toBe('Pro (stored)');
            expect(licenseName({ ...stored, licenseLabel: undefined }, undefined)).toBe('PRO');
            expect(licenseName({ ...stored, licenseType: undefined }, undefined)).toBe('No license');
        });
    });

    describe('toRowView', () => {
        it('shows a user’s state in the admin’s words', () => {
            expect(toRowView(ada, { ...context, selected: true })).toEqual({
                userId: ADA,
                name: 'Ada Lovelace',
                isInactive: false,
                username: 'ada@example.com.crm',
                email: 'ada@example.com',
                profileName: 'Standard User',
                licenseLabel: 'Core',
                syncLabel: 'On',
                statusLabel: 'Synced',
                errorsLinkLabel: undefined,
                lastSyncedAt: '2025-03-01T09:30:00.000Z',
                selected: true,
                selectLabel: 'Select Ada Lovelace',
                saving: false,
                menuDisabled: false,
                syncChecked: true,
                assignItems: [{ value: 'assign:PRO', label: 'Assign license: Professional' }],
                canRemoveLicense: true,
                errorMessage: undefined
            });
        });

        it('links Error and Not matched to the user’s sync errors, naming the status and the user', () => {
            expect(toRowView({ ...ada, status: 'Error' }, context).errorsLinkLabel).toBe(
                'Error: show the sync errors of Ada Lovelace'
            );
            expect(toRowView({ ...ada, status: 'Not_Matched' }, context).errorsLinkLabel).toBe(
                'Not matched: show the sync errors of Ada Lovelace'
            );
            expect(toRowView({ ...ada, status: 'Pending' }, context).errorsLinkLabel).toBeUndefined();
        });

        it('copes with a state the DTO describes only partly', () => {
            const view = toRowView({ userId: GRACE, licenseType: 'LEGACY' }, context);

            expect([view.name, view.username, view.email, view.profileName]).toEqual(['', '', '', '—']);
            expect([view.licenseLabel, view.syncLabel, view.statusLabel]).toEqual(['LEGACY', 'Off', '—']);
            expect(view.isInactive).toBe(false);
            expect(view.syncChecked).toBe(false);
            expect(toRowView({}, context).userId).toBe('');
        });

        it('marks an inactive user without a license, offering every pool and no removal', () => {
            const view = toRowView(grace, { ...context, errorMessage: 'Grace Hopper is inactive.' });

            expect(view.isInactive).toBe(true);
            expect(view.licenseLabel).toBe('No license');
            expect(view.assignItems.map((item) => item.label)).toEqual([
                'Assign license: Core',
                'Assign license: Professional'
            ]);
            expect(view.canRemoveLicense).toBe(false);
            expect(view.errorMessage).toBe('Grace Hopper is inactive.');
        });

        it('names the license as last stored, and offers no pool, while the pools cannot be read', () => {
            const view = toRowView({ ...ada, licenseLabel: 'Core' }, { ...context, pools: undefined });

            expect(view.licenseLabel).toBe('Core');
            expect(view.assignItems).toEqual([]);
            expect(view.canRemoveLicense).toBe(true);
        });

        it.each([
            [{ saving: true, connected: true }, true],
            [{ saving: false, connected: false }, true],
            [{ saving: false, connected: true }, false]
        ])('disables the menu for %p: %p', (state, disabled) => {
            expect(toRowView(ada, { ...context, ...state }).menuDisabled).toBe(disabled);
        });
    });

    describe('changeFor and successMessage', () => {
        it.each([
            [
                'Ada (sync on)',
                'sync',
                ada,
                { kind: 'sync', enabled: false },
                'CRM sync is now disabled for Ada Lovelace.'
            ],
            [
                'Grace (sync off)',
                'sync',
                grace,
                { kind: 'sync', enabled: true },
                'CRM sync is now enabled for Grace Hopper.'
            ],
            ['Ada', 'remove', ada, { kind: 'license', licenseType: null }, 'Ada Lovelace no longer holds a license.'],
            [
                'Grace',
                'assign:PRO',
                grace,
                { kind: 'license', licenseType: 'PRO' },
                'Grace Hopper now holds a Professional license.'
            ]
        ])('turns %s choosing %p into a change and its message', (_who, choice, row, change, message) => {
            expect(changeFor(row, choice)).toEqual(change);
            expect(successMessage(row, changeFor(row, choice), pools)).toBe(message);
        });

        it('names a user without a name by nothing rather than "undefined"', () => {
            expect(successMessage({}, { kind: 'license', licenseType: null }, pools)).toBe(
                ' no longer holds a license.'
            );
        });
    });

    describe('succeededStates and withStates', () => {
        it('takes the states of the succeeded results only', () => {
            expect(
                succeededStates([
                    { userId: ADA, succeeded: true, state: ada },
                    { userId: GRACE, succeeded: false, state: grace },
                    { userId: GRACE, succeeded: true },
                    { succeeded: true, state: grace }
                ])
            ).toEqual([ada]);
        });

        it('puts each state in its user’s row and ignores users not shown', () => {
            const changedAda = { ...ada, syncEnabled: false };
            const stranger = { userId: '005000000000009AAA', name: 'Someone else' };

            expect(withStates([ada, grace], [stranger, changedAda])).toEqual([changedAda, grace]);
            expect(userIdOf({})).toBe('');
        });
    });
});
