// The seeded world both simulations start from: the org's users (English and German names, profiles, some
// inactive, a few non-standard users), which of them have a CRM account in the backend, and the sync state the
// backend holds for them. Deterministic: the same `users` and `seed` always give the same data, so screenshots and
// tests can name users. The org and the backend each take their part; they never share state at run time.
import type { Tenant } from '../params';
import type { AuditEntry } from '../org/data';
import { userIdAt } from './salesforce-id';

export type BackendStatus = 'synced' | 'pending' | 'not_matched' | 'error';

export interface SeedPerson {
    index: number;
    id: string;
    name: string;
    username: string;
    email: string;
    profileName: string;
    isActive: boolean;
    /** Standard for internal users; the others are org-only and never listed or synced. */
    userType: 'Standard' | 'AutomatedProcess' | 'CsnOnly' | 'PowerPartner';
    /** Whether the backend has a CRM account with this email; without one, enabling sync answers USER_NOT_MATCHED. */
    hasBackendAccount: boolean;
}

export interface SeedSyncState {
    syncEnabled: boolean;
    licenseType: string | null;
    status: BackendStatus;
    lastSyncedAt: string | null;
    lastError: string | null;
    version: number;
    /** The pool name the org stored with the state (License_Label__c); by default the pool's current label. */
    licenseLabel?: string | null;
}

/** An entry of the audit trail the org recorded before the preview opened; the org numbers it when it loads. */
export type SeedAuditEntry = Omit<AuditEntry, 'id' | 'name'>;

export interface SeedPool {
    licenseType: string;
    label: string;
    total: number;
    isDefault: boolean;
}

export interface SeedWorld {
    people: SeedPerson[];
    /** The backend's state per person index; undefined where the backend does not know the user. */
    states: (SeedSyncState | undefined)[];
    pools: SeedPool[];
    /** Records the backend imported from the org, per data category of the dry run. */
    imported: Record<string, number>;
    /** When the seeded tenant was linked; seeded timestamps lie before it, so screenshots stay the same. */
    linkedAt: string;
    lastSyncAt: string | null;
    /** The audit trail's history, oldest first; none for a tenant never linked. */
    audit?: SeedAuditEntry[];
    /** The CRM's accounts by email, when not the people's hasBackendAccount (the reference backend's tenants). */
    accounts?: { has(email: string): boolean };
}

/** Fixed "now" of the seeded data (not of the page): a week of sync history ends here. */
export const SEED_EPOCH = Date.UTC(2026, 10, 27, 8, 0, 0);
const DAY_MS = 24 * 60 * 60 * 1000;

export const ADMIN_INDEX = 0;
export const VIEWER_INDEX = 1;

/** Hand-placed users at the top of the list, one per interesting state, for the record page and screenshots. */
const SHOWCASE: { name: string; profile: string; active: boolean; account: boolean; state?: Partial<SeedSyncState> }[] =
    [
        { name: 'Dana Whitfield', profile: 'System Administrator', active: true, account: true, state: {} },
        {
            name: 'Jürgen Schröder',
            profile: 'Standard User',
            active: true,
            account: true,
            state: { licenseType: 'ADVANCED' }
        },
        { name: 'Priya Raman', profile: 'Sales User', active: true, account: false },
        {
            name: 'Käthe Müller',
            profile: 'Sales User',
            active: true,
            account: true,
            state: { status: 'pending', lastSyncedAt: null }
        },
        {
            name: 'Björn Weiß',
            profile: 'Vertrieb Innendienst',
            active: true,
            account: true,
            state: { status: 'error', lastError: 'CRM refused the contact owner: the mailbox is full.' }
        },
        {
            name: 'Zoë Schäfer',
            profile: 'Standard User',
            active: false,
            account: true,
            state: { syncEnabled: false }
        },
        { name: 'Oliver Brown', profile: 'Marketing User', active: true, account: true },
        {
            name: "Sophie O'Brien",
            profile: 'Sales User',
            active: true,
            account: true,
            state: { syncEnabled: false, licenseType: 'ADVANCED' }
        }
    ];

const FIRST_NAMES = [
    ...['Oliver', 'Amelia', 'James', 'Olivia', 'Harry', 'Isla', 'Jack', 'Emily', 'George', 'Ava', 'Noah', 'Grace'],
    ...['Thomas', 'Lily', 'William', 'Mia', 'Henry', 'Chloe', 'Liam', 'Ella', 'Priya', 'Dana', 'Samuel', 'Ruby'],
    ...['Jürgen', 'Käthe', 'Björn', 'Sören', 'Jörg', 'Günther', 'Anja', 'Lukas', 'Lena', 'Jonas', 'Leonie'],
    ...['Maximilian', 'Hannah', 'Felix', 'Marie', 'Özlem', 'Zoë', 'Uwe', 'Renée', 'Matthias', 'Sabine', 'Franziska']
];
const LAST_NAMES = [
    ...['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright'],
    ...['Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Clarke', "O'Brien", 'Raman'],
    ...['Müller', 'Schröder', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz'],
    ...['Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Zimmermann', 'Krüger'],
    ...['Hartmann', 'Lange', 'Weiß', 'Groß', 'Köhler', 'Böhm', 'Jäger', 'Vogt-Lüdecke', 'Schröter', 'Braun']
];
const PROFILES: [string, number][] = [
    ['Standard User', 0.5],
    ['Sales User', 0.25],
    ['Marketing User', 0.1],
    ['Vertrieb Innendienst', 0.1],
    ['System Administrator', 0.05]
];
const LAST_ERRORS = [
    'CRM refused the contact owner: the mailbox is full.',
    'The CRM user is locked; unlock it in the CRM admin console.',
    'Mailbox permission missing: grant CRM Sync access to the calendar.',
    'CRM rejected 3 contacts with duplicate email addresses.'
];
/** Org-only users that are not internal: Salesforce lists them as users, CRM Sync never does. */
const NON_STANDARD: { name: string; userType: SeedPerson['userType']; profile: string }[] = [
    { name: 'Automated Process', userType: 'AutomatedProcess', profile: 'Automated Process' },
    { name: 'Chatter Expert', userType: 'CsnOnly', profile: 'Chatter Free User' },
    { name: 'Paula Partner', userType: 'PowerPartner', profile: 'Partner Community User' }
];

/** mulberry32: small, fast and good enough for test data; the same seed always gives the same sequence. */
function createRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** `Vogt-Lüdecke` → `vogt-luedecke`, `O'Brien` → `obrien`: email local parts stay ASCII. */
function asciiLocalPart(text: string): string {
    return text
        .toLowerCase()
        .replace(/ä/g, 'ae')
        .replace(/ö/g, 'oe')
        .replace(/ü/g, 'ue')
        .replace(/ß/g, 'ss')
        .normalize('NFD')
        .replace(/[^a-z0-9.-]/g, '');
}

function isoAt(ms: number): string {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

function pick<T>(random: () => number, items: readonly T[]): T {
    return items[Math.floor(random() * items.length)];
}

function weighted(random: () => number, choices: [string, number][]): string {
    let r = random();
    for (const [value, weight] of choices) {
        if (r < weight) {
            return value;
        }
        r -= weight;
    }
    return choices[choices.length - 1][0];
}

/** A state for a user with a CRM account: most synced, some pending or failing, some licensed with sync off. */
function randomState(random: () => number): SeedSyncState | undefined {
    const r = random();
    const licenseType = random() < 0.75 ? 'CORE' : 'ADVANCED';
    const lastSyncedAt = isoAt(SEED_EPOCH - random() * 7 * DAY_MS);
    const version = 1 + Math.floor(random() * 9);
    if (r < 0.5) {
        return { syncEnabled: true, licenseType, status: 'synced', lastSyncedAt, lastError: null, version };
    }
    if (r < 0.55) {
        return { syncEnabled: true, licenseType, status: 'pending', lastSyncedAt: null, lastError: null, version };
    }
    if (r < 0.6) {
        const lastError = pick(random, LAST_ERRORS);
        return { syncEnabled: true, licenseType, status: 'error', lastSyncedAt, lastError, version };
    }
    if (r < 0.7) {
        return { syncEnabled: false, licenseType, status: 'synced', lastSyncedAt, lastError: null, version };
    }
    return undefined;
}

const NOT_MATCHED: SeedSyncState = {
    syncEnabled: false,
    licenseType: null,
    status: 'not_matched',
    lastSyncedAt: null,
    lastError: null,
    version: 1
};

function buildWorld(userCount: number, seed: number, tenant: Tenant): SeedWorld {
    const random = createRandom(seed);
    const people: SeedPerson[] = [];
    const states: (SeedSyncState | undefined)[] = [];
    const emailsTaken = new Map<string, number>();

    const addPerson = (name: string, profileName: string, rest: Partial<SeedPerson>): SeedPerson => {
        const index = people.length;
        const base = asciiLocalPart(name.replace(' ', '.'));
        const taken = emailsTaken.get(base) ?? 0;
        emailsTaken.set(base, taken + 1);
        const local = taken === 0 ? base : `${base}${taken + 1}`;
        const person: SeedPerson = {
            index,
            id: userIdAt(index),
            name,
            username: `${local}@acme-crm.example`,
            email: `${local}@acme.example`,
            profileName,
            isActive: true,
            userType: 'Standard',
            hasBackendAccount: true,
            ...rest
        };
        people.push(person);
        return person;
    };

    for (const showcase of SHOWCASE.slice(0, userCount)) {
        addPerson(showcase.name, showcase.profile, {
            isActive: showcase.active,
            hasBackendAccount: showcase.account
        });
        states.push(
            showcase.state
                ? {
                      syncEnabled: true,
                      licenseType: 'CORE',
                      status: 'synced',
                      lastSyncedAt: isoAt(SEED_EPOCH - 2 * 60 * 60 * 1000),
                      lastError: null,
                      version: 3,
                      ...showcase.state
                  }
                : undefined
        );
    }
    while (people.length < userCount) {
        const name = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
        const person = addPerson(name, weighted(random, PROFILES), {
            isActive: random() >= 0.08,
            hasBackendAccount: random() >= 0.1
        });
        if (person.hasBackendAccount) {
            states.push(randomState(random));
        } else {
            states.push(random() < 0.3 ? NOT_MATCHED : undefined);
        }
    }
    for (const other of NON_STANDARD) {
        addPerson(other.name, other.profile, { userType: other.userType, hasBackendAccount: false });
        states.push(undefined);
    }

    // A fresh tenant has never synced anyone: the org's users and the CRM accounts exist, the states do not.
    const tenantStates = tenant === 'fresh' ? states.map(() => undefined) : states;
    // The subscription's size does not depend on who is synced yet: a fresh tenant has as many seats.
    const assigned = (type: string) => states.filter((state) => state?.licenseType === type).length;
    const core = assigned('CORE');
    const advanced = assigned('ADVANCED');
    const scale = userCount / 5000;
    const imported = (count: number) => (tenant === 'fresh' ? 0 : Math.round(count * scale));
    return {
        people,
        states: tenantStates,
        pools: [
            { licenseType: 'CORE', label: 'Core', total: core + Math.max(5, Math.round(core * 0.08)), isDefault: true },
            { licenseType: 'ADVANCED', label: 'Advanced', total: advanced + 2, isDefault: false }
        ],
        imported: {
            accounts: imported(1204),
            leads: imported(3310),
            contacts: imported(5870),
            activities: imported(21455),
            user_mappings: tenantStates.filter(Boolean).length,
            settings: tenant === 'fresh' ? 0 : 2,
            audit_history: imported(918)
        },
        linkedAt: isoAt(SEED_EPOCH - 90 * DAY_MS),
        lastSyncAt: tenant === 'fresh' ? null : isoAt(SEED_EPOCH - 5 * 60 * 1000),
        audit: tenant === 'linked' || tenant === 'mismatch' ? auditHistory(people, seed) : []
    };
}

/** What admins do over three months, weighted: mostly user changes, now and then org-wide actions. */
const HISTORY_ACTIONS: [SeedAuditEntry['action'], number][] = [
    ['Enable_User_Sync', 0.24],
    ['Assign_License', 0.16],
    ['Disable_User_Sync', 0.1],
    ['Remove_License', 0.08],
    ['Release_Seats', 0.12],
    ['Apply_Rule', 0.08],
    ['Save_Rule', 0.05],
    ['Change_Autofill', 0.05],
    ['Health_Change', 0.05],
    ['Pause_Sync', 0.035],
    ['Resume_Sync', 0.035],
    ['Test_Connection', 0.02]
];
const USER_ACTIONS = new Set(['Enable_User_Sync', 'Assign_License', 'Disable_User_Sync', 'Remove_License']);
const BULK_ACTIONS = new Set(['Release_Seats', 'Apply_Rule']);
const HISTORY_ERRORS = ['SEATS_EXHAUSTED', 'TIMEOUT', 'USER_NOT_MATCHED', 'RATE_LIMITED'];
const HISTORY_LENGTH = 72;

/**
 * The linked tenant's audit trail since it was linked: the link first, then HISTORY_LENGTH - 1 actions until the seed
 * epoch, most by the admin (Dana Whitfield) and some by Sophie O'Brien, mostly succeeded, some failed or partial.
 * Its own random sequence, so the users and states stay as they were before the trail was seeded.
 */
function auditHistory(people: SeedPerson[], seed: number): SeedAuditEntry[] {
    const random = createRandom(seed + 7919);
    const linkedAt = SEED_EPOCH - 90 * DAY_MS;
    const step = (90 * DAY_MS) / HISTORY_LENGTH;
    const actors = [people[0], people[7] ?? people[0]].filter(Boolean).map((person) => person.id);
    const correlationId = () =>
        Array.from({ length: 30 }, () => Math.floor(random() * 16).toString(16))
            .join('')
            .replace(/^(.{8})(.{4})(.{3})(.{3})(.{12})$/, '$1-$2-4$3-8$4-$5');
    const entries: SeedAuditEntry[] = [];
    for (let index = 0; index < HISTORY_LENGTH; index++) {
        const action = index === 0 ? 'Link_Org' : (weighted(random, HISTORY_ACTIONS) as SeedAuditEntry['action']);
        const roll = random();
        let count = 0;
        if (USER_ACTIONS.has(action)) {
            count = random() < 0.6 ? 1 : 2 + Math.floor(random() * 180);
        } else if (BULK_ACTIONS.has(action)) {
            count = 1 + Math.floor(random() * 40);
        }
        let outcome: SeedAuditEntry['outcome'] = 'Succeeded';
        if (index > 0 && roll < 0.12) {
            outcome = 'Failed';
        } else if (index > 0 && roll < 0.2 && count > 1) {
            // Only a change of several users can succeed for some of them.
            outcome = 'Partially_Succeeded';
        }
        const automatic = action === 'Release_Seats' || action === 'Health_Change';
        entries.push({
            action,
            outcome,
            actorId: automatic ? actors[0] : pick(random, actors),
            targetUserIds: people.slice(8, 8 + count).map((person) => person.id),
            purgeImportedData: false,
            errorCode: outcome === 'Succeeded' ? null : pick(random, HISTORY_ERRORS),
            correlationId: correlationId(),
            occurredAt: isoAt(linkedAt + index * step + random() * step * 0.8),
            details: null
        });
    }
    return entries;
}

const cache = new Map<string, SeedWorld>();

/** The seeded world; built once per page for each (users, seed, tenant), as the org and the backend both ask. */
export function seedWorld(userCount: number, seed: number, tenant: Tenant): SeedWorld {
    const key = `${userCount}/${seed}/${tenant}`;
    let world = cache.get(key);
    if (!world) {
        world = buildWorld(userCount, seed, tenant);
        cache.set(key, world);
    }
    return world;
}
