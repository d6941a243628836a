// Reads the project's label texts at build time: English from the CustomLabels metadata, German from the
// Translation metadata. The preview and its tests take every product text from here, so the metadata stays the
// only copy of the texts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const LABELS_FILE = 'force-app/main/default/labels/CustomLabels.labels-meta.xml';
const QUICK_ACTION_FILE = 'force-app-user-action/main/default/quickActions/User.CRM_Sync.quickAction-meta.xml';
const TRANSLATIONS = { de: 'force-app/main/default/translations/de.translation-meta.xml' };

/** The languages the preview offers; English is the master language the labels are written in. */
export const LANGUAGES = ['en', ...Object.keys(TRANSLATIONS)];

// Label values are text, never numbers or booleans, and entities such as &amp; are decoded.
const parser = new XMLParser({
    isArray: (name) => name === 'labels' || name === 'customLabels',
    parseTagValue: false,
    trimValues: true
});

/**
 * `{ en: { CRM_Sync_Panel_Title: 'CRM Sync', … }, de: { … } }`. A label without a German translation is absent
 * from `de`; the page falls back to English for it, as Salesforce does.
 * @param {string} repoRoot the project root
 * @returns {Record<string, Record<string, string>>}
 */
export function readLabelTexts(repoRoot) {
    const master = parser.parse(readFileSync(path.join(repoRoot, LABELS_FILE), 'utf8'));
    const texts = { en: Object.fromEntries((master.CustomLabels?.labels ?? []).map((l) => [l.fullName, l.value])) };
    for (const [language, file] of Object.entries(TRANSLATIONS)) {
        const translation = parser.parse(readFileSync(path.join(repoRoot, file), 'utf8'));
        texts[language] = Object.fromEntries(
            (translation.Translations?.customLabels ?? []).map((l) => [l.name, l.label])
        );
    }
    return texts;
}

/**
 * The label of the User quick action (its button on the record page and its dialog's title).
 * @param {string} repoRoot the project root
 * @returns {string}
 */
export function readQuickActionLabel(repoRoot) {
    return parser.parse(readFileSync(path.join(repoRoot, QUICK_ACTION_FILE), 'utf8')).QuickAction.label;
}
