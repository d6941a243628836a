// Modules the preview build creates (build/plugins.mjs), declared for the type check.
declare module 'virtual:crm-sync-labels' {
    /** Label texts per language, read from CustomLabels and the Translation metadata at build time. */
    export const LABEL_TEXTS: Record<'en' | 'de', Record<string, string>>;
    /** The label of the User quick action (User.CRM_Sync.quickAction-meta.xml in force-app-user-action). */
    export const QUICK_ACTION_LABEL: string;
}
