import { categoryLabel, formatLabel, healthLabel, statusLabel } from 'c/crmSyncFormat';

// Labels are served with their English text (jest-mocks/setup-labels.js).
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
});
