// Texts of the preview's own page (not of the product: those come from the label metadata). English and German,
// following ?lang=.
import type { Language } from '../params';

const EN = {
    banner: 'Preview with simulated data — not a Salesforce org',
    bannerScenario: 'Scenario: {0}',
    pages: 'Preview pages',
    adminPage: 'Admin panel',
    userPage: 'User record',
    settings: 'Preview settings',
    scenario: 'Scenario',
    language: 'Language',
    signInAs: 'Sign in as',
    admin: 'Admin (CRM Sync Admin permission set)',
    viewer: 'User without the permission set',
    reset: 'Reset preview data',
    resetDone: 'Preview data reset to the seed.',
    user: 'User',
    showUser: 'Show user',
    details: 'Details',
    name: 'Name',
    username: 'Username',
    email: 'Email',
    profile: 'Profile',
    active: 'Active',
    yes: 'Yes',
    no: 'No',
    userType: 'User type',
    userNotFound: 'There is no user with this id in the simulated org.',
    deactivate: 'Deactivate user (as in Setup)',
    activate: 'Activate user (as in Setup)',
    cancelAndClose: 'Cancel and close',
    close: 'Close',
    authorizeTitle: 'CRM sync service',
    authorized: 'Authorized — return to Salesforce',
    authorizedBody: 'Access for this Salesforce org is allowed. Go back to the CRM Sync tab and click Continue.',
    authorizeExpired: 'This authorization link has expired. Go back to Salesforce and start again.',
    authorizeUnknown: 'This authorization link is not valid.',
    authorizeNote: 'This page stands in for the CRM sync service’s own authorization page.',
    scenarios: {
        normal: 'Normal',
        down: 'Backend down (connection refused)',
        unauthorized: 'API key rejected (401)',
        'seats-exhausted': 'No seats left',
        slow: 'Slow backend (2 s per call)',
        conflict: 'Conflict on the next user change',
        'rate-limited': 'Rate limited (429)',
        'placeholder-url': 'Named Credential still has the placeholder URL',
        'no-principal': 'Admin lacks the credential principal',
        'key-expiring': 'API key expires in 5 days',
        'sandbox-copy': 'Sandbox copied from a linked org',
        paused: 'CRM sync paused by an admin',
        'retry-busy': 'Retrying sync errors: busy, then maintenance'
    },
    languages: { en: 'English', de: 'Deutsch' }
};

const DE: typeof EN = {
    banner: 'Vorschau mit simulierten Daten – keine Salesforce-Organisation',
    bannerScenario: 'Szenario: {0}',
    pages: 'Vorschauseiten',
    adminPage: 'Admin-Bereich',
    userPage: 'Benutzerdatensatz',
    settings: 'Vorschaueinstellungen',
    scenario: 'Szenario',
    language: 'Sprache',
    signInAs: 'Angemeldet als',
    admin: 'Admin (Berechtigungssatz CRM Sync Admin)',
    viewer: 'Benutzer ohne den Berechtigungssatz',
    reset: 'Vorschaudaten zurücksetzen',
    resetDone: 'Vorschaudaten auf die Ausgangsdaten zurückgesetzt.',
    user: 'Benutzer',
    showUser: 'Benutzer anzeigen',
    details: 'Details',
    name: 'Name',
    username: 'Benutzername',
    email: 'E-Mail',
    profile: 'Profil',
    active: 'Aktiv',
    yes: 'Ja',
    no: 'Nein',
    userType: 'Benutzertyp',
    userNotFound: 'In der simulierten Organisation gibt es keinen Benutzer mit dieser ID.',
    deactivate: 'Benutzer deaktivieren (wie im Setup)',
    activate: 'Benutzer aktivieren (wie im Setup)',
    cancelAndClose: 'Abbrechen und schließen',
    close: 'Schließen',
    authorizeTitle: 'CRM-Synchronisierungsdienst',
    authorized: 'Autorisiert – kehren Sie zu Salesforce zurück',
    authorizedBody:
        'Der Zugriff für diese Salesforce-Organisation ist erlaubt. Wechseln Sie zurück zum Tab „CRM Sync“ und klicken Sie auf „Weiter“.',
    authorizeExpired:
        'Dieser Autorisierungslink ist abgelaufen. Kehren Sie zu Salesforce zurück und beginnen Sie erneut.',
    authorizeUnknown: 'Dieser Autorisierungslink ist ungültig.',
    authorizeNote: 'Diese Seite steht für die eigene Autorisierungsseite des CRM-Synchronisierungsdienstes.',
    scenarios: {
        normal: 'Normal',
        down: 'Backend nicht erreichbar (Verbindung abgelehnt)',
        unauthorized: 'API-Schlüssel abgelehnt (401)',
        'seats-exhausted': 'Keine Lizenzen frei',
        slow: 'Langsames Backend (2 s pro Aufruf)',
        conflict: 'Konflikt bei der nächsten Benutzeränderung',
        'rate-limited': 'Anfragelimit erreicht (429)',
        'placeholder-url': 'Benannte Anmeldeinformation hat noch die Platzhalter-URL',
        'no-principal': 'Administrator fehlt der Principal der Anmeldeinformation',
        'key-expiring': 'API-Schlüssel läuft in 5 Tagen ab',
        'sandbox-copy': 'Sandbox aus einer verknüpften Organisation kopiert',
        paused: 'CRM-Synchronisierung von einem Administrator angehalten',
        'retry-busy': 'Fehler erneut versuchen: ausgelastet, dann Wartung'
    },
    languages: { en: 'English', de: 'Deutsch' }
};

export type ShellTexts = typeof EN;

export function shellTexts(language: Language): ShellTexts {
    return language === 'de' ? DE : EN;
}

export function fill(template: string, ...values: string[]): string {
    return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => values[Number(index)] ?? placeholder);
}
