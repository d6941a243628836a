// The simulated Salesforce org: its records, the running user and whether they hold the CRM Sync Admin custom
// permission, System.Label in the user's language, the clock, and the one callout endpoint the Named Credential
// `CRM_Sync` points at (the simulated backend). The services under org/ read everything Apex reads from here.
import type { BackendRequest, BackendResponse } from '../backend/backend';
import { BACKEND_URL, CalloutError } from '../backend/http';
import type { KeyValueStorage } from '../persist';
import type { Tenant } from '../params';
import { PREVIEW_ORG_ID } from '../seed/salesforce-id';
import { seedWorld } from '../seed/world';
import type { SeedWorld } from '../seed/world';
import { CrmSyncException } from './errors';
import { CrmSyncUserDirectory } from './generated/apex-constants';
import type { AuditEntry, OrgUser } from './data';
import type { AsyncQueue } from './queue';
import { NO_PRINCIPAL_MESSAGE, isPlaceholder } from './doctor';
import { afterUserUpdate } from './seat-release';
import { OrgData } from './data';

export interface OrgOptions {
    userCount: number;
    seed: number;
    tenant: Tenant;
    /** Who is signed in: a user id from the seed. */
    runningUserId: string;
    /** Whether the running user holds the CRM Sync Admin custom permission (via the permission set). */
    hasAdminPermission: boolean;
    /** Label texts in the running user's language, English where a translation is missing. */
    labels: Record<string, string>;
    /** callout:CRM_Sync: the simulated backend's handle(). */
    callout: (request: BackendRequest) => Promise<BackendResponse>;
    /** The CRM_Sync Named Credential's URL; BACKEND_URL by default, as after the admin configured it. */
    namedCredentialEndpoint?: string;
    /**
     * The permission sets that grant each user the External Credential's principal; by default the CRM Sync Admin
     * permission set grants it to the running user when they hold that set.
     */
    principalGrants?: ReadonlyMap<string, readonly string[]>;
    storage: KeyValueStorage;
    storageKey: string;
    now?: () => number;
    /** The org's users and stored states, instead of the seeded ones: the behaviour vectors state their own. */
    world?: SeedWorld;
    /**
     * The running user's locale, a Salesforce LocaleSidKey such as en_US (the default) or de_DE: SOQL's ORDER BY
     * sorts text in it, so the user table's order follows it.
     */
    locale?: string;
    /** System.enqueueJob: where queued Apex (the background jobs' steps) waits to run; see queue.ts. */
    queue?: AsyncQueue;
    /**
     * The most rows the user table's pagination cursor holds: CrmSyncUserDirectory.rowLimit, which Apex tests lower
     * (@TestVisible); ROW_LIMIT by default.
     */
    userRowLimit?: number;
}

export interface SimulatedOrg {
    readonly orgId: string;
    /** Url.getOrgDomainUrl(). */
    readonly domainUrl: string;
    /** The CRM_Sync named credential's URL (CrmSyncDataAccess.getNamedCredentialEndpoint). */
    readonly namedCredentialEndpoint: string;
    /** CrmSyncDataAccess.getPrincipalGrants: for each of the users with access, the sets that grant it. */
    principalGrants(userIds: readonly string[]): Map<string, string[]>;
    /** CRM_Sync_Authorization_Host__mdt records' hosts; the package ships none. */
    readonly allowedAuthorizationHosts: readonly string[];
    readonly runningUser: OrgUser;
    /** UserInfo.getLocale(): the running user's LocaleSidKey, e.g. en_US or de_DE. */
    readonly locale: string;
    /** CrmSyncUserDirectory.rowLimit: the most rows one pagination cursor of the user table holds. */
    readonly userRowLimit: number;
    readonly data: OrgData;
    readonly now: () => number;
    /** FeatureManagement.checkPermission('CRM_Sync_Admin'). */
    canManage(): boolean;
    /** CrmSyncAccess.requireAdmin(). */
    requireAdmin(): void;
    /** System.Label.<name>; a name the metadata lacks is a bug of the simulation and throws. */
    label(name: string): string;
    /** String.format(System.Label.<name>, values). */
    format(name: string, ...values: (string | number | null | undefined)[]): string;
    /**
     * Http.send through callout:CRM_Sync: Salesforce resolves the Named Credential's URL and the running user's
     * principal before the request leaves the org, and refuses the callout when either is missing.
     */
    callout(request: BackendRequest): Promise<BackendResponse>;
    /** CrmSyncAuditLog.record(). */
    recordAudit(entry: Omit<AuditEntry, 'id' | 'name' | 'actorId' | 'occurredAt'>): void;
    /** Persists the org's records (after each Apex transaction). */
    commit(): void;
    /**
     * System.enqueueJob(job, delayMinutes): `run` is the queued job's transaction, started by the queue later; the
     * queue commits the org after it.
     */
    enqueue(name: string, run: () => Promise<void>, delayMinutes: number): void;
    /**
     * A DML update of users' IsActive, as an admin makes it in Setup; CrmSyncUserTrigger runs after it. The
     * preview's record page offers it, so a deactivation can be seen releasing the user's seat.
     */
    updateUserActive(userIds: string[], active: boolean): void;
}

export function createOrg(options: OrgOptions): SimulatedOrg {
    const now = options.now ?? Date.now;
    const data = new OrgData(
        options.world ?? seedWorld(options.userCount, options.seed, options.tenant),
        options.tenant,
        options.storage,
        options.storageKey
    );
    const runningUser = data.usersById.get(options.runningUserId);
    if (!runningUser) {
        throw new Error(`The running user ${options.runningUserId} is not a user of the simulated org`);
    }
    const label = (name: string): string => {
        const text = options.labels[name];
        if (text === undefined) {
            throw new Error(`System.Label.${name} does not exist`);
        }
        return text;
    };
    const endpoint = options.namedCredentialEndpoint ?? BACKEND_URL;
    const grants =
        options.principalGrants ??
        new Map(options.hasAdminPermission ? [[runningUser.Id, [label('CRM_Sync_Permission_Set_Name')]]] : []);
    const org: SimulatedOrg = {
        orgId: PREVIEW_ORG_ID,
        domainUrl: 'https://acme-preview.my.salesforce.com',
        namedCredentialEndpoint: endpoint,
        principalGrants: (userIds) =>
            new Map(
                userIds.filter((id) => grants.has(id)).map((id) => [id, [...(grants.get(id) as readonly string[])]])
            ),
        allowedAuthorizationHosts: [],
        runningUser,
        locale: options.locale ?? 'en_US',
        userRowLimit: options.userRowLimit ?? CrmSyncUserDirectory.ROW_LIMIT,
        data,
        now,
        canManage: () => options.hasAdminPermission,
        requireAdmin() {
            if (!options.hasAdminPermission) {
                throw new CrmSyncException('NOT_PERMITTED', label('CRM_Sync_Error_Not_Permitted'));
            }
        },
        label,
        // Apex String.format fills {0}, {1}, … and writes null as an empty string.
        format: (name, ...values) =>
            label(name).replace(/\{(\d+)\}/g, (placeholder, index: string) =>
                Number(index) < values.length ? String(values[Number(index)] ?? '') : placeholder
            ),
        async callout(request) {
            if (isPlaceholder(endpoint)) {
                // No DNS name under .invalid resolves; Salesforce's proxy answers the CONNECT with 503.
                throw new CalloutError(
                    'Unable to tunnel through proxy. Proxy returns "HTTP/1.1 503 Service Unavailable"'
                );
            }
            if (!grants.has(runningUser.Id)) {
                throw new CalloutError(NO_PRINCIPAL_MESSAGE);
            }
            return options.callout(request);
        },
        recordAudit(entry) {
            data.recordAudit({ ...entry, actorId: runningUser.Id, occurredAt: new Date(now()).toISOString() });
        },
        commit: () => data.save(),
        updateUserActive(userIds, active) {
            const before = new Map(userIds.map((id) => [id, { IsActive: data.usersById.get(id)?.IsActive === true }]));
            userIds.forEach((id) => data.setUserActive(id, active));
            afterUserUpdate(
                org,
                userIds.map((id) => data.usersById.get(id) as OrgUser),
                before
            );
            data.save();
        },
        enqueue(name, run, delayMinutes) {
            if (!options.queue) {
                throw new Error(`${name} was queued, but this simulated org has no queue`);
            }
            options.queue.enqueue({ name, run, delayMinutes });
        }
    };
    return org;
}
