import {
    actionLabel,
    categoryLabel,
    formatCount,
    formatLabel,
    healthLabel,
    outcomeLabel,
    statusLabel,
    withReference
} from 'c/crmSyncFormat';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const METADATA = path.join(__dirname, '../../..');

/** The API names of a CRM_Sync_Audit__c picklist field, as the package deploys them. */
function auditPicklistValues(field: string): string[] {
    const xml = readFileSync(
        path.join(METADATA, 'objects/CRM_Sync_Audit__c/fields', `${field}.field-meta.xml`),
        'utf8'
    );
    return [...xml.matchAll(/<value>\s*<fullName>([^<]+)<\/fullName>/g)].map((match) => match[1]);
}

/** The English value of a custom label, as the package deploys it; undefined when there is none. */
function labelValue(name: string): string | undefined {
    const xml = readFileSync(path.join(METADATA, 'labels/CustomLabels.labels-meta.xml'), 'utf8');
    const label = xml.split('<labels>').find((block) => block.includes(`<fullName>${name}</fullName>`));
    return label?.match(/<value>([^<]*)<\/value>/)?.[1];
}

/** crmSyncFormat's formatCount as loaded for a user whose locale (@salesforce/i18n/locale) is `locale`. */
async function formatCountIn(locale: string): Promise<(count: number) => string> {
    let format: ((count: number) => string) | undefined;
    await jest.isolateModulesAsync(async () => {
        jest.doMock('@salesforce/i18n/locale', () => ({ __esModule: true, default: locale }), { virtual: true });
        format = (await import('c/crmSyncFormat')).formatCount;
    });
    if (!format) {
        throw new Error('c/crmSyncFormat did not load');
    }
    return format;
}

// Labels are served with their English text (jest/mocks/setup-labels.js).
describe('c-crm-sync-format', () => {
    describe('formatLabel', () => {
        it('fills numbered placeholders in order of their numbers', () => {
            expect(formatLabel('{1} of {0}', 'seats', 3)).toBe('3 of seats');
        });

        it('fills a placeholder used twice both times', () => {
            expect(formatLabel('{0} and {0}', 'Ada')).toBe('Ada and Ada');
        });

        it('leaves a placeholder without a value visible', () => {
            expect(formatLabel('{0} updated, {1} failed', 4)).toBe('4 updated, {1} failed');
        });
    });

    describe('formatCount', () => {
        it('groups digits as the running user’s locale does (en-US under Jest)', () => {
            expect(formatCount(4564)).toBe('4,564');
            expect(formatCount(10000)).toBe('10,000');
            expect(formatCount(0)).toBe('0');
        });

        it('groups digits with a dot for a German user', async () => {
            const format = await formatCountIn('de-DE');

            expect(format(4564)).toBe('4.564');
            expect(format(25)).toBe('25');
        });

        it('falls back to the browser’s grouping when Intl does not accept the locale tag', async () => {
            const format = await formatCountIn('de-DE-EURO');

            expect(format(4564)).toBe(new Intl.NumberFormat().format(4564));
        });
    });

    it.each([
        ['Synced', 'Synced'],
        ['Pending', 'Pending'],
        ['Not_Matched', 'Not matched'],
        ['Error', 'Error'],
        [undefined, '—'],
        ['Archived', '—']
    ])('labels the sync status %p as %p', (status, label) => {
        expect(statusLabel(status)).toBe(label);
    });

    it.each([
        ['healthy', 'Healthy'],
        ['degraded', 'Degraded'],
        ['failing', 'Failing'],
        ['unknown', 'Unknown'],
        [undefined, 'Unknown']
    ])('labels the backend health %p as %p', (health, label) => {
        expect(healthLabel(health)).toBe(label);
    });

    it.each([
        ['accounts', 'Imported accounts'],
        ['user_mappings', 'User mappings'],
        ['audit_history', 'Audit history'],
        ['invoices', 'invoices'],
        [undefined, '—']
    ])('labels the data category %p as %p', (category, label) => {
        expect(categoryLabel(category)).toBe(label);
    });

    it.each([
        ['Enable_User_Sync', 'Enable CRM sync'],
        ['Release_Seats', 'Release seats of users who left'],
        ['Future_Action', 'Future_Action'],
        [undefined, '—']
    ])('labels the audit action %p as %p', (action, label) => {
        expect(actionLabel(action)).toBe(label);
    });

    it.each(auditPicklistValues('Action__c'))(
        'labels the audit action %p with its CRM_Sync_Activity_Action_ label',
        (action) => {
            expect(labelValue(`CRM_Sync_Activity_Action_${action}`)).toBeDefined();
            expect(actionLabel(action)).toBe(labelValue(`CRM_Sync_Activity_Action_${action}`));
        }
    );

    it.each(auditPicklistValues('Outcome__c'))(
        'labels the audit outcome %p with its CRM_Sync_Activity_Outcome_ label',
        (outcome) => {
            expect(labelValue(`CRM_Sync_Activity_Outcome_${outcome}`)).toBeDefined();
            expect(outcomeLabel(outcome)).toBe(labelValue(`CRM_Sync_Activity_Outcome_${outcome}`));
        }
    );

    it.each([
        ['Partially_Succeeded', 'Partially succeeded'],
        ['Authorization_Required', 'Authorization required'],
        ['Future_Outcome', 'Future_Outcome'],
        [undefined, '—']
    ])('labels the audit outcome %p as %p', (outcome, label) => {
        expect(outcomeLabel(outcome)).toBe(label);
    });

    it('adds the reference for support after a message, and stands alone without one', () => {
        expect(withReference('It failed.', 'c1d2e3f4-0000-4000-8000-000000000001')).toBe(
            'It failed. Reference for support: c1d2e3f4-0000-4000-8000-000000000001'
        );
        expect(withReference('It failed.', null)).toBe('It failed.');
        expect(withReference(undefined, 'abc')).toBe('Reference for support: abc');
    });
});
