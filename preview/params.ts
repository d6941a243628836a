// The preview's URL parameters, in one place: the page, the simulated org and the simulated backend read them
// from here, and the browser tests set them in the URL (`/?lang=de&scenario=down#/admin`).
//
//   lang      en (default) | de                     language of labels, messages and dates
//   scenario  normal (default) | down | unauthorized | seats-exhausted | slow | conflict | rate-limited |
//             placeholder-url | no-principal | key-expiring | sandbox-copy (implies tenant=mismatch) | paused |
//             retry-busy (the first retry of sync errors answers 429, the second 503)
//   as        admin (default) | viewer              viewer lacks the CRM Sync Admin permission set
//   users     5000 (default), 10 … 100000           how many standard users the seed creates
//   seed      1 (default)                           seed of the pseudo-random data
//   tenant    linked (default) | unlinked | fresh | mismatch
//   latency   150 (default)                         milliseconds each simulated Apex call takes

export const LANGUAGES = ['en', 'de'] as const;
export const SCENARIOS = [
    'normal',
    'down',
    'unauthorized',
    'seats-exhausted',
    'slow',
    'conflict',
    'rate-limited',
    'placeholder-url',
    'no-principal',
    'key-expiring',
    'sandbox-copy',
    'paused',
    'retry-busy'
] as const;
export const SIGN_INS = ['admin', 'viewer'] as const;
/**
 * linked: the tenant is authorized and linked to this org; unlinked: authorized before, not linked now; fresh: never
 * authorized (the first link answers 202) and nobody synced yet; mismatch: linked to another org, as in a sandbox
 * refreshed from production.
 */
export const TENANTS = ['linked', 'unlinked', 'fresh', 'mismatch'] as const;

export type Language = (typeof LANGUAGES)[number];
export type Scenario = (typeof SCENARIOS)[number];
export type SignIn = (typeof SIGN_INS)[number];
export type Tenant = (typeof TENANTS)[number];

export interface PreviewParams {
    language: Language;
    scenario: Scenario;
    signedInAs: SignIn;
    userCount: number;
    seed: number;
    tenant: Tenant;
    apexLatencyMs: number;
}

export const DEFAULT_PARAMS: PreviewParams = {
    language: 'en',
    scenario: 'normal',
    signedInAs: 'admin',
    userCount: 5000,
    seed: 1,
    tenant: 'linked',
    apexLatencyMs: 150
};

const MIN_USERS = 10;
const MAX_USERS = 100000;

function oneOf<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
    return allowed.find((candidate) => candidate === value) ?? fallback;
}

function integer(value: string | null, fallback: number, min: number, max: number): number {
    const parsed = value === null ? NaN : Number.parseInt(value, 10);
    return Number.isFinite(parsed) ? Math.min(max, Math.max(min, parsed)) : fallback;
}

/** Reads `location.search`; unknown or malformed values fall back to the defaults rather than failing the page. */
export function parseParams(search: string): PreviewParams {
    const query = new URLSearchParams(search);
    return {
        language: oneOf(LANGUAGES, query.get('lang')?.slice(0, 2).toLowerCase() ?? null, DEFAULT_PARAMS.language),
        scenario: oneOf(SCENARIOS, query.get('scenario'), DEFAULT_PARAMS.scenario),
        signedInAs: oneOf(SIGN_INS, query.get('as'), DEFAULT_PARAMS.signedInAs),
        userCount: integer(query.get('users'), DEFAULT_PARAMS.userCount, MIN_USERS, MAX_USERS),
        seed: integer(query.get('seed'), DEFAULT_PARAMS.seed, 0, 2 ** 31 - 1),
        // A sandbox copy carries the link of the org it was copied from, whose tenant is linked to that org.
        tenant:
            query.get('scenario') === 'sandbox-copy'
                ? 'mismatch'
                : oneOf(TENANTS, query.get('tenant'), DEFAULT_PARAMS.tenant),
        apexLatencyMs: integer(query.get('latency'), DEFAULT_PARAMS.apexLatencyMs, 0, 10000)
    };
}

/**
 * Where the preview keeps its changes in localStorage. Data seeded differently must not mix, so the key names the
 * seed; "Reset preview data" removes every key under STORAGE_PREFIX.
 */
export const STORAGE_PREFIX = 'crmSyncPreview/v1/';

export function storageKey(params: PreviewParams, part: 'org' | 'backend'): string {
    return `${STORAGE_PREFIX}${params.tenant}/${params.userCount}/${params.seed}/${part}`;
}
