// @salesforce/label/c.<name>: the label's text in the page's language (?lang=de), from the project's metadata
// read at build time. Like Salesforce, a label without a translation shows its English text.
import { LABEL_TEXTS } from 'virtual:crm-sync-labels';
import { session } from './session';

/** Every label in the page's language, English where there is no translation. */
export function labelTexts(language = session.language): Record<string, string> {
    return { ...LABEL_TEXTS.en, ...LABEL_TEXTS[language] };
}

const texts = labelTexts();

export function label(name: string): string {
    return texts[name];
}
