// The simulated org's records — what CrmSyncDataAccess reads and writes with SOQL and DML: User, the stored sync
// state per user (CRM_Sync_User__c), the linked-org record (CRM_Sync_Connection__c) and the audit trail
// (CRM_Sync_Audit__c). Users come from the seed; the other records start as the seed's mirror and only their
// changes are stored.
import type { KeyValueStorage } from '../persist';
import type { AuditAction, AuditOutcome } from './audit';
import { CRM_Sync_User__c, CrmSyncUserService } from './generated/apex-constants';
import { readJson, writeJson } from '../persist';
import type { Tenant } from '../params';
import { OTHER_ORG_ID, PREVIEW_ORG_ID, toId18 } from '../seed/salesforce-id';
import type { SeedWorld } from '../seed/world';
import { setupOf } from './setup';
import type { OrgSetup } from './setup';

export interface OrgUser {
    Id: string;
    Name: string;
    Username: string;
    Email: string;
    IsActive: boolean;
    UserType: string;
    ProfileName: string;
}

export type SyncStatus = (typeof CRM_Sync_User__c.Status__c)[number];

/** CRM_Sync_User__c: the backend's last known state of a user, as stored in the org. */
export interface SyncRecord {
    Sync_Enabled__c: boolean;
    License_Type__c: string | null;
    /** The pool's name as last read with the state; the table's fallback while the pools cannot be read. */
    License_Label__c: string | null;
    Status__c: SyncStatus | null;
    Last_Synced__c: string | null;
    Last_Error__c: string | null;
    Backend_Version__c: number | null;
    /** Why sync and license are as they are: Manual, Rule or Seat_Release; none before any change from here. */
    Sync_Reason__c?: string | null;
    /** With Sync_Reason__c Rule: the rule's name. */
    Rule_Name__c?: string | null;
}

/** CRM_Sync_Connection__c (org default): which org was linked from here, by whom and when. */
export interface ConnectionRecord {
    Linked_Org_Id__c: string | null;
    Linked_By_Id__c: string | null;
    Linked_At__c: string | null;
    /** Set by the sandbox guard (sandbox.ts); while set no callout leaves the org but linking it again. */
    Copied_At__c?: string | null;
    /** The last health check (monitor.ts): its result, first finding, when it ran and since when it holds. */
    Health_Status__c?: string | null;
    Health_Code__c?: string | null;
    Health_Message__c?: string | null;
    Health_Checked_At__c?: string | null;
    Health_Since__c?: string | null;
}

/** A custom notification sent (CrmSyncNotifier): the bell and mobile alert of the CRM Sync admins. */
export interface NotificationRecord {
    title: string;
    body: string;
    /** The tab it opens. */
    target: string;
    recipientIds: string[];
    sentAt: string;
}

/** CRM_Sync_Audit__c, as CrmSyncAuditLog writes it; Recent activity (activity.ts) reads it. */
export interface AuditEntry {
    /** The record's id and its auto-number name (AUD-0000042), numbered in the order of recording. */
    id: string;
    name: string;
    action: AuditAction;
    outcome: AuditOutcome;
    actorId: string;
    targetUserIds: string[];
    purgeImportedData: boolean;
    errorCode: string | null;
    correlationId: string | null;
    occurredAt: string;
    details: string | null;
}

/** CRM_Sync_Job__c, as CrmSyncJobService and CrmSyncJobStep write it; CreatedBy is the admin who started it. */
export interface JobRecord {
    Id: string;
    Name: string;
    CreatedById: string;
    Operation__c: string;
    License_Type__c: string | null;
    Selection__c: string | null;
    Source_Job__c: string | null;
    Status__c: string;
    Total__c: number;
    Processed__c: number;
    Succeeded__c: number;
    Failed__c: number;
    Attempts__c: number;
    Cancel_Requested__c: boolean;
    Started_At__c: string | null;
    Finished_At__c: string | null;
    Next_Attempt_At__c: string | null;
    Error_Code__c: string | null;
    Error_Message__c: string | null;
    Correlation_Id__c: string | null;
    Batch_Seed__c: string | null;
    Failure_Counts__c: string | null;
    Active_Slot__c: string | null;
    Import_Key__c: string | null;
    Pending_Parts__c: string | null;
    Rule_Name__c: string | null;
}

/** CRM_Sync_Job_Failure__c: one user a job could not change. */
export interface JobFailureRecord {
    Job__c: string;
    User__c: string;
    Error_Code__c: string;
    Message__c: string | null;
    Backend_Reason__c: string | null;
}

/** CRM_Sync_Rule__c: an assignment rule. */
export interface RuleRecord {
    Id: string;
    Name: string;
    Criterion__c: string;
    Criterion_Id__c: string;
    Criterion_Label__c: string;
    License_Type__c: string;
    Active__c: boolean;
}

/** CRM_Sync_Import_Row__c: one user of a CSV import, staged for its job; CreatedDate as an ISO date. */
export interface ImportRowRecord {
    Import_Key__c: string;
    User__c: string;
    License_Type__c: string | null;
    Line__c: number;
    CreatedDate: string;
}

interface Snapshot {
    connection: ConnectionRecord;
    /** `empty` after unlinking with purge deleted every stored state; the seed's states are then gone. */
    recordsBaseline: 'seed' | 'empty';
    changedRecords: Record<string, SyncRecord | null>;
    audit: AuditEntry[];
    /** How many audit entries were recorded, the seeded history included: the next entry's number. */
    auditCount?: number;
    jobs?: JobRecord[];
    jobFailures?: JobFailureRecord[];
    /** The user ids of each active job's cursor: the Apex keeps the cursor in the queued step. */
    jobCursors?: Record<string, string[]>;
    /** Users deactivated (IsActive false) or frozen (UserLogin.IsFrozen) in the preview since the seed. */
    deactivatedIds?: string[];
    frozenIds?: string[];
    /** The CronTrigger of the reconciliation, when scheduled. */
    reconciliation?: ScheduledJob | null;
    /** The CronTrigger of the health check, when scheduled. */
    healthCheck?: ScheduledJob | null;
    importRows?: ImportRowRecord[];
    rules?: RuleRecord[];
    notifications?: NotificationRecord[];
}

/** A CronTrigger of the simulation: what CrmSyncReconciliation.describe reads. */
export interface ScheduledJob {
    everyHours: number;
    nextFireTime: string;
    createdById: string;
}

/** The audit entries kept in storage; older ones are dropped (the org would keep them all). */
const AUDIT_KEPT = 200;
/** The jobs kept in storage, with their failures; older ones are dropped. */
const JOBS_KEPT = 20;

function initialConnection(world: SeedWorld, tenant: Tenant): ConnectionRecord {
    if (tenant === 'linked' || tenant === 'mismatch') {
        // A sandbox refreshed from production carries production's record, hence the other org's id.
        return {
            Linked_Org_Id__c: tenant === 'linked' ? PREVIEW_ORG_ID : OTHER_ORG_ID,
            Linked_By_Id__c: world.people[0].id,
            Linked_At__c: world.linkedAt
        };
    }
    return { Linked_Org_Id__c: null, Linked_By_Id__c: null, Linked_At__c: null };
}

/** The key prefix of CRM_Sync_Audit__c ids in the simulation. */
export const AUDIT_KEY_PREFIX = 'a0A';

/** The id and auto-number name of the `number`th audit entry. */
function auditRecordName(number: number): Pick<AuditEntry, 'id' | 'name'> {
    return {
        id: toId18(`${AUDIT_KEY_PREFIX}${String(number).padStart(12, '0')}`) ?? '',
        name: `AUD-${String(number).padStart(7, '0')}`
    };
}

export class OrgData {
    readonly users: OrgUser[];
    readonly usersById: Map<string, OrgUser>;
    connection!: ConnectionRecord;
    /** The entries recorded since the seed, oldest first (window.crmSyncPreview.audit() in the page). */
    audit: AuditEntry[] = [];
    /** The seeded history before them, which the page's tests never see among their own entries. */
    readonly auditHistory: AuditEntry[];
    notifications: NotificationRecord[] = [];
    jobs: JobRecord[] = [];
    jobFailures: JobFailureRecord[] = [];
    jobCursors = new Map<string, string[]>();
    frozenIds = new Set<string>();
    reconciliation: ScheduledJob | null = null;
    healthCheck: ScheduledJob | null = null;
    importRows: ImportRowRecord[] = [];
    rules: RuleRecord[] = [];
    /** The profiles, roles and permission sets rules can name. */
    readonly setup: OrgSetup;
    private deactivatedIds = new Set<string>();
    private auditCount = 0;

    private records = new Map<string, SyncRecord>();
    private changedIds = new Set<string>();
    private recordsBaseline: Snapshot['recordsBaseline'] = 'seed';
    private readonly world: SeedWorld;
    private readonly tenant: Tenant;
    private readonly storage: KeyValueStorage;
    private readonly storageKey: string;

    constructor(world: SeedWorld, tenant: Tenant, storage: KeyValueStorage, storageKey: string) {
        this.world = world;
        this.tenant = tenant;
        this.storage = storage;
        this.storageKey = storageKey;
        this.users = world.people.map((person) => ({
            Id: person.id,
            Name: person.name,
            Username: person.username,
            Email: person.email,
            IsActive: person.isActive,
            UserType: person.userType,
            ProfileName: person.profileName
        }));
        this.usersById = new Map(this.users.map((user) => [user.Id, user]));
        this.setup = setupOf(this.users);
        this.auditHistory = (world.audit ?? []).map((entry, index) => ({ ...entry, ...auditRecordName(index + 1) }));
        this.load();
    }

    load(): void {
        const saved = readJson<Snapshot>(this.storage, this.storageKey);
        this.connection = saved?.connection ?? initialConnection(this.world, this.tenant);
        this.audit = saved?.audit ?? [];
        this.auditCount = saved?.auditCount ?? this.auditHistory.length + this.audit.length;
        this.notifications = saved?.notifications ?? [];
        this.jobs = saved?.jobs ?? [];
        this.jobFailures = saved?.jobFailures ?? [];
        this.jobCursors = new Map(Object.entries(saved?.jobCursors ?? {}));
        this.reconciliation = saved?.reconciliation ?? null;
        this.healthCheck = saved?.healthCheck ?? null;
        this.importRows = saved?.importRows ?? [];
        this.rules = saved?.rules ?? [];
        this.frozenIds = new Set(saved?.frozenIds ?? []);
        this.deactivatedIds = new Set(saved?.deactivatedIds ?? []);
        this.users.forEach((user, index) => {
            user.IsActive = this.world.people[index].isActive;
        });
        for (const id of this.deactivatedIds) {
            const user = this.usersById.get(id);
            if (user) {
                user.IsActive = false;
            }
        }
        this.recordsBaseline = saved?.recordsBaseline ?? 'seed';
        this.records = new Map();
        // The seeded states were stored when the pools were last read, so they carry the pool's name.
        const poolLabel = (licenseType: string | null) =>
            this.world.pools.find((pool) => pool.licenseType === licenseType)?.label ?? null;
        this.world.states.forEach((state, index) => {
            if (state && this.recordsBaseline === 'seed') {
                this.records.set(this.world.people[index].id, {
                    Sync_Enabled__c: state.syncEnabled,
                    License_Type__c: state.licenseType,
                    License_Label__c:
                        state.licenseLabel === undefined ? poolLabel(state.licenseType) : state.licenseLabel,
                    Status__c: CrmSyncUserService.STATUS_VALUES.get(state.status) ?? null,
                    Last_Synced__c: state.lastSyncedAt,
                    Last_Error__c: state.lastError,
                    Backend_Version__c: state.version
                });
            }
        });
        this.changedIds = new Set();
        for (const [id, record] of Object.entries(saved?.changedRecords ?? {})) {
            this.changedIds.add(id);
            if (record) {
                this.records.set(id, record);
            } else {
                this.records.delete(id);
            }
        }
    }

    save(): void {
        const changedRecords: Record<string, SyncRecord | null> = {};
        for (const id of this.changedIds) {
            changedRecords[id] = this.records.get(id) ?? null;
        }
        const snapshot: Snapshot = {
            connection: this.connection,
            recordsBaseline: this.recordsBaseline,
            changedRecords,
            audit: this.audit.slice(-AUDIT_KEPT),
            auditCount: this.auditCount,
            notifications: this.notifications.slice(-AUDIT_KEPT),
            ...this.jobsToKeep(),
            deactivatedIds: [...this.deactivatedIds],
            frozenIds: [...this.frozenIds],
            reconciliation: this.reconciliation,
            healthCheck: this.healthCheck,
            importRows: this.importRows,
            rules: this.rules
        };
        writeJson(this.storage, this.storageKey, snapshot);
    }

    /** getSyncStates: the stored states of the given users; users without a record are absent. */
    getSyncStates(userIds: Iterable<string>): Map<string, SyncRecord> {
        const found = new Map<string, SyncRecord>();
        for (const id of userIds) {
            const record = this.records.get(id);
            if (record) {
                found.set(id, { ...record });
            }
        }
        return found;
    }

    syncStateOf(userId: string): SyncRecord | undefined {
        return this.records.get(userId);
    }

    /** saveSyncStates: upsert keyed on the user. */
    saveSyncStates(states: Map<string, SyncRecord>): void {
        for (const [id, record] of states) {
            this.records.set(id, { ...record });
            this.changedIds.add(id);
        }
    }

    /** CrmSyncResetUserStatesBatch: deletes every stored state (in the org, in batches after the transaction). */
    deleteAllSyncStates(): void {
        this.records.clear();
        this.changedIds.clear();
        this.recordsBaseline = 'empty';
    }

    recordAudit(entry: Omit<AuditEntry, 'id' | 'name'>): void {
        this.audit.push({ ...entry, ...auditRecordName(++this.auditCount) });
    }

    /**
     * getAuditEntries: the newest entries of an action and an outcome (null for all), newest first by time then id,
     * after a position (the export's keyset) when one is given.
     */
    getAuditEntries(
        action: string | null,
        outcome: string | null,
        afterAt: string | null,
        afterId: string | null,
        maxCount: number
    ): AuditEntry[] {
        const after = afterAt === null ? null : Date.parse(afterAt);
        return [...this.auditHistory, ...this.audit]
            .filter((entry) => action === null || entry.action === action)
            .filter((entry) => outcome === null || entry.outcome === outcome)
            .filter((entry) => {
                const at = Date.parse(entry.occurredAt);
                return after === null || at < after || (at === after && afterId !== null && entry.id < afterId);
            })
            .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : -1))
            .slice(0, maxCount)
            .map((entry) => ({ ...entry }));
    }

    private jobsToKeep(): Pick<Snapshot, 'jobs' | 'jobFailures' | 'jobCursors'> {
        const jobs = this.jobs.slice(-JOBS_KEPT);
        const kept = new Set(jobs.map((job) => job.Id));
        const active = new Set(jobs.filter((job) => job.Active_Slot__c !== null).map((job) => job.Id));
        return {
            jobs,
            jobFailures: this.jobFailures.filter((failure) => kept.has(failure.Job__c)),
            jobCursors: Object.fromEntries([...this.jobCursors].filter(([jobId]) => active.has(jobId)))
        };
    }

    /** A User update of IsActive, as an admin makes it in Setup (the trigger runs in org.updateUserActive). */
    setUserActive(userId: string, active: boolean): void {
        const user = this.usersById.get(userId);
        if (!user) {
            throw new Error(`No user ${userId}`);
        }
        user.IsActive = active;
        if (active) {
            this.deactivatedIds.delete(userId);
        } else {
            this.deactivatedIds.add(userId);
        }
    }

    /** insertJob: false when another job is active (CRM_Sync_Job__c.Active_Slot__c is unique). */
    insertJob(job: Omit<JobRecord, 'Id' | 'Name'>): JobRecord | null {
        if (job.Active_Slot__c !== null && this.jobs.some((other) => other.Active_Slot__c === job.Active_Slot__c)) {
            return null;
        }
        const number = this.jobs.length === 0 ? 1 : Number(this.jobs[this.jobs.length - 1].Name.slice(4)) + 1;
        const record: JobRecord = {
            ...job,
            Id: `a0J${String(number).padStart(12, '0')}AAA`,
            Name: `JOB-${String(number).padStart(6, '0')}`
        };
        this.jobs.push(record);
        return { ...record };
    }

    /** updateJob: writes only the fields given, as a DML update of a record with those fields set. */
    updateJob(changes: Partial<JobRecord> & { Id: string }): void {
        const job = this.jobs.find((candidate) => candidate.Id === changes.Id);
        if (!job) {
            throw new Error(`No CRM_Sync_Job__c ${changes.Id}`);
        }
        Object.assign(job, changes);
    }

    getJob(jobId: string): JobRecord | null {
        const job = this.jobs.find((candidate) => candidate.Id === jobId);
        return job ? { ...job } : null;
    }

    getActiveJob(): JobRecord | null {
        const job = this.jobs.find((candidate) => candidate.Active_Slot__c !== null);
        return job ? { ...job } : null;
    }

    getLatestJob(): JobRecord | null {
        const job = this.jobs[this.jobs.length - 1];
        return job ? { ...job } : null;
    }

    insertFailures(failures: JobFailureRecord[]): void {
        this.jobFailures.push(...failures.map((failure) => ({ ...failure })));
    }

    getFailures(jobId: string, errorCode: string, maxCount: number): JobFailureRecord[] {
        return this.jobFailures
            .filter((failure) => failure.Job__c === jobId && failure.Error_Code__c === errorCode)
            .slice(0, maxCount);
    }

    /** getStagedLines: the line each of the given users is staged with under an import key. */
    getStagedLines(importKey: string, userIds: Iterable<string>): Map<string, number> {
        const wanted = new Set(userIds);
        return new Map(
            this.importRows
                .filter((row) => row.Import_Key__c === importKey && wanted.has(row.User__c))
                .map((row) => [row.User__c, row.Line__c])
        );
    }

    hasImportRows(importKey: string): boolean {
        return this.importRows.some((row) => row.Import_Key__c === importKey);
    }

    insertImportRows(rows: ImportRowRecord[]): void {
        this.importRows.push(...rows.map((row) => ({ ...row })));
    }

    /**
     * deleteImportRows: those of one import, or, without a key, those created before `before` except keepKey's; at
     * most maxCount. The preview has one admin, so every row is the running admin's own.
     */
    deleteImportRows(
        importKey: string | null,
        before: string | null,
        keepKey: string | null,
        maxCount: number
    ): number {
        const doomed = new Set(
            this.importRows
                .filter((row) =>
                    importKey !== null
                        ? row.Import_Key__c === importKey
                        : before !== null && row.CreatedDate < before && row.Import_Key__c !== keepKey
                )
                .slice(0, maxCount)
        );
        this.importRows = this.importRows.filter((row) => !doomed.has(row));
        return doomed.size;
    }

    getRule(ruleId: string): RuleRecord | null {
        const rule = this.rules.find((candidate) => candidate.Id === ruleId);
        return rule ? { ...rule } : null;
    }

    /** saveRule: an upsert; a new rule gets the next id. */
    saveRule(rule: Omit<RuleRecord, 'Id'> & { Id?: string }): RuleRecord {
        const saved = {
            ...rule,
            Id: rule.Id ?? `a0R${String(this.rules.length + 1).padStart(12, '0')}AAA`
        } as RuleRecord;
        const index = this.rules.findIndex((candidate) => candidate.Id === saved.Id);
        if (index >= 0) {
            this.rules[index] = saved;
        } else {
            this.rules.push(saved);
        }
        return { ...saved };
    }

    deleteRule(ruleId: string): void {
        this.rules = this.rules.filter((rule) => rule.Id !== ruleId);
    }

    /** getRules: by name, as SOQL's ORDER BY Name, Id sorts them. */
    getRules(): RuleRecord[] {
        return [...this.rules]
            .sort((a, b) => a.Name.localeCompare(b.Name, 'en') || a.Id.localeCompare(b.Id))
            .map((rule) => ({ ...rule }));
    }
}
