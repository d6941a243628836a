// CrmSyncSetupDoctor: "Check setup" — every check of the org's CRM Sync setup in one call, each with a stable code,
// a sentence and the fix with the Setup page to open. It reads the setup, calls the backend twice (health, then
// connection) and writes nothing.
import type { SetupCheck, SetupReport } from 'crm-sync/apex-types';
import type { ApiHealth } from './client';
import { CrmSyncClient } from './client';
import { CrmSyncException } from './errors';
import { CrmSyncClient as ClientConstants, CrmSyncSetupDoctor as Doctor } from './generated/apex-constants';
import type { SimulatedOrg } from './org';
import { isThisOrg } from './views';

type Status = typeof Doctor.PASS | typeof Doctor.WARN | typeof Doctor.FAIL | typeof Doctor.SKIPPED;

/** SetupFacts: what the doctor reads from the org before it calls out. */
export interface SetupFacts {
    endpoint: string | null;
    adminGrants: string[];
    jobUsers: { Id: string; Name: string; IsActive: boolean }[];
    jobUsersWithAccess: Set<string>;
    storedLinkedOrgId: string | null;
    copiedAt: string | null;
}

const TITLES: Record<string, string> = {
    [Doctor.NAMED_CREDENTIAL]: 'CRM_Sync_Doctor_Title_Named_Credential',
    [Doctor.ADMIN_ACCESS]: 'CRM_Sync_Doctor_Title_Admin_Access',
    [Doctor.JOB_USERS]: 'CRM_Sync_Doctor_Title_Job_Users',
    [Doctor.BACKEND_CALL]: 'CRM_Sync_Doctor_Title_Backend_Call',
    [Doctor.CONTRACT_VERSION]: 'CRM_Sync_Doctor_Title_Contract',
    [Doctor.API_KEY_EXPIRY]: 'CRM_Sync_Doctor_Title_Api_Key',
    [Doctor.ORG_LINK]: 'CRM_Sync_Doctor_Title_Org_Link'
};

const SETUP_PAGES: Record<string, string> = {
    [Doctor.SETUP_NAMED_CREDENTIALS]: 'CRM_Sync_Doctor_Open_Named_Credentials',
    [Doctor.SETUP_PERMISSION_SETS]: 'CRM_Sync_Doctor_Open_Permission_Sets',
    [Doctor.SETUP_SCHEDULED_JOBS]: 'CRM_Sync_Doctor_Open_Scheduled_Jobs'
};

const AFTER_CALL = [Doctor.CONTRACT_VERSION, Doctor.API_KEY_EXPIRY, Doctor.ORG_LINK];

/** isPlaceholder: the host is under .invalid, or there is no host at all. */
export function isPlaceholder(endpoint: string): boolean {
    const host = (endpoint.split('://')[1] ?? '').split('/')[0].split(':')[0].toLowerCase();
    return host.trim() === '' || host.endsWith(Doctor.PLACEHOLDER_HOST_SUFFIX);
}

export class SetupDoctor {
    private readonly org: SimulatedOrg;
    private readonly client: CrmSyncClient;

    constructor(org: SimulatedOrg) {
        this.org = org;
        this.client = new CrmSyncClient(org);
    }

    async run(): Promise<SetupReport> {
        return this.diagnose(this.readFacts());
    }

    readFacts(): SetupFacts {
        const { org } = this;
        const jobUserIds = new Set<string>();
        for (const schedule of [org.data.reconciliation, org.data.healthCheck]) {
            if (schedule) {
                jobUserIds.add(schedule.createdById);
            }
        }
        const activeJob = org.data.getActiveJob();
        if (activeJob) {
            jobUserIds.add(activeJob.CreatedById);
        }
        const grants = org.principalGrants([...jobUserIds, org.runningUser.Id]);
        return {
            endpoint: org.namedCredentialEndpoint,
            adminGrants: grants.get(org.runningUser.Id) ?? [],
            jobUsers: [...jobUserIds]
                .map((id) => org.data.usersById.get(id))
                .filter((user) => user !== undefined)
                .map((user) => ({ Id: user.Id, Name: user.Name, IsActive: user.IsActive })),
            jobUsersWithAccess: new Set(grants.keys()),
            storedLinkedOrgId: org.data.connection.Linked_Org_Id__c,
            copiedAt: org.data.connection.Copied_At__c ?? null
        };
    }

    async diagnose(facts: SetupFacts): Promise<SetupReport> {
        const checks: SetupCheck[] = [];
        const credential = this.checkNamedCredential(facts.endpoint);
        checks.push(credential, this.checkAdminAccess(facts.adminGrants), this.checkJobUsers(facts));
        if (credential.status === Doctor.FAIL) {
            const skipped = this.org.label('CRM_Sync_Doctor_Skipped_Credential');
            [Doctor.BACKEND_CALL, ...AFTER_CALL].forEach((check) =>
                checks.push(this.finding(check, Doctor.SKIPPED, Doctor.SKIPPED, skipped))
            );
        } else if (facts.copiedAt !== null) {
            // A sandbox copy calls nothing but its new link; the stored link alone shows what happened.
            const skipped = this.org.label('CRM_Sync_Doctor_Skipped_Copy');
            [Doctor.BACKEND_CALL, Doctor.CONTRACT_VERSION, Doctor.API_KEY_EXPIRY].forEach((check) =>
                checks.push(this.finding(check, Doctor.SKIPPED, Doctor.SKIPPED, skipped))
            );
            checks.push(await this.checkOrgLink(facts.storedLinkedOrgId));
        } else {
            await this.checkBackend(facts, checks);
        }
        return {
            status: worst(checks),
            checks,
            checkedAt: new Date(this.org.now()).toISOString(),
            correlationId: this.client.correlationId
        };
    }

    private checkNamedCredential(endpoint: string | null): SetupCheck {
        const check = Doctor.NAMED_CREDENTIAL;
        if (endpoint === null) {
            return this.withFix(
                this.finding(
                    check,
                    'NAMED_CREDENTIAL_MISSING',
                    Doctor.FAIL,
                    this.org.label('CRM_Sync_Doctor_NC_Missing')
                ),
                'CRM_Sync_Doctor_NC_Missing_Fix',
                Doctor.SETUP_NAMED_CREDENTIALS
            );
        }
        if (isPlaceholder(endpoint)) {
            return this.withFix(
                this.finding(
                    check,
                    'NAMED_CREDENTIAL_PLACEHOLDER',
                    Doctor.FAIL,
                    this.org.format('CRM_Sync_Doctor_NC_Placeholder', endpoint)
                ),
                'CRM_Sync_Doctor_NC_Placeholder_Fix',
                Doctor.SETUP_NAMED_CREDENTIALS
            );
        }
        return this.finding(
            check,
            'NAMED_CREDENTIAL_OK',
            Doctor.PASS,
            this.org.format('CRM_Sync_Doctor_NC_OK', endpoint)
        );
    }

    private checkAdminAccess(grants: string[]): SetupCheck {
        if (grants.length === 0) {
            return this.withFix(
                this.finding(
                    Doctor.ADMIN_ACCESS,
                    'PRINCIPAL_NOT_GRANTED',
                    Doctor.FAIL,
                    this.org.label('CRM_Sync_Doctor_Principal_Missing')
                ),
                'CRM_Sync_Doctor_Principal_Missing_Fix',
                Doctor.SETUP_PERMISSION_SETS
            );
        }
        return this.finding(
            Doctor.ADMIN_ACCESS,
            'PRINCIPAL_GRANTED',
            Doctor.PASS,
            this.org.format('CRM_Sync_Doctor_Principal_OK', grants.join(', '))
        );
    }

    private checkJobUsers(facts: SetupFacts): SetupCheck {
        if (facts.jobUsers.length === 0) {
            return this.finding(
                Doctor.JOB_USERS,
                'NO_JOBS',
                Doctor.PASS,
                this.org.label('CRM_Sync_Doctor_Job_Users_None')
            );
        }
        const withoutAccess = facts.jobUsers
            .filter((user) => !user.IsActive || !facts.jobUsersWithAccess.has(user.Id))
            .map((user) => user.Name);
        if (withoutAccess.length === 0) {
            const all = facts.jobUsers.map((user) => user.Name).join(', ');
            return this.finding(
                Doctor.JOB_USERS,
                'JOB_USERS_OK',
                Doctor.PASS,
                this.org.format('CRM_Sync_Doctor_Job_Users_OK', all)
            );
        }
        const names = withoutAccess.join(', ');
        const finding = this.finding(
            Doctor.JOB_USERS,
            'JOB_USER_WITHOUT_ACCESS',
            Doctor.FAIL,
            this.org.format('CRM_Sync_Doctor_Job_User_No_Access', names)
        );
        return {
            ...finding,
            fix: this.org.format('CRM_Sync_Doctor_Job_User_No_Access_Fix', names),
            fixUrl: Doctor.SETUP_SCHEDULED_JOBS,
            fixUrlLabel: this.org.label(SETUP_PAGES[Doctor.SETUP_SCHEDULED_JOBS])
        };
    }

    private async checkBackend(facts: SetupFacts, checks: SetupCheck[]): Promise<void> {
        const started = this.org.now();
        let health: ApiHealth;
        try {
            health = await this.client.getHealth();
        } catch (failure) {
            if (!(failure instanceof CrmSyncException)) {
                throw failure;
            }
            checks.push(this.failedCall(failure));
            const skipped = this.org.label('CRM_Sync_Doctor_Skipped_No_Answer');
            AFTER_CALL.forEach((check) => checks.push(this.finding(check, Doctor.SKIPPED, Doctor.SKIPPED, skipped)));
            return;
        }
        checks.push(
            this.answeredCall(health, this.org.now() - started),
            this.checkContract(health.contractVersion),
            this.checkKeyExpiry(health.apiKeyExpiresAt),
            await this.checkOrgLink(facts.storedLinkedOrgId)
        );
    }

    private answeredCall(health: ApiHealth, roundTripMs: number): SetupCheck {
        const values = [roundTripMs, health.backendVersion];
        if (health.status === 'degraded') {
            return this.withFix(
                this.finding(
                    Doctor.BACKEND_CALL,
                    'BACKEND_DEGRADED',
                    Doctor.WARN,
                    this.org.format('CRM_Sync_Doctor_Backend_Degraded', ...values)
                ),
                'CRM_Sync_Doctor_Backend_Degraded_Fix',
                null
            );
        }
        return this.finding(
            Doctor.BACKEND_CALL,
            'BACKEND_OK',
            Doctor.PASS,
            this.org.format('CRM_Sync_Doctor_Backend_OK', ...values)
        );
    }

    /** Salesforce refuses a callout before it leaves the org: the client reports that as UNEXPECTED. */
    private failedCall(failure: CrmSyncException): SetupCheck {
        const check = Doctor.BACKEND_CALL;
        if (failure.code === 'CREDENTIAL_REJECTED') {
            return this.withFix(
                this.finding(check, 'API_KEY_REJECTED', Doctor.FAIL, this.org.label('CRM_Sync_Doctor_Key_Rejected')),
                'CRM_Sync_Doctor_Key_Replace_Fix',
                Doctor.SETUP_NAMED_CREDENTIALS
            );
        }
        if (failure.code === 'UNEXPECTED') {
            return this.withFix(
                this.finding(
                    check,
                    'CREDENTIAL_UNAVAILABLE',
                    Doctor.FAIL,
                    this.org.label('CRM_Sync_Doctor_Credential_Unavailable')
                ),
                'CRM_Sync_Doctor_Credential_Unavailable_Fix',
                Doctor.SETUP_NAMED_CREDENTIALS
            );
        }
        if (Doctor.BACKEND_DOWN.has(failure.code)) {
            return this.withFix(
                this.finding(
                    check,
                    'BACKEND_DOWN',
                    Doctor.FAIL,
                    this.org.format('CRM_Sync_Doctor_Backend_Down', failure.message)
                ),
                'CRM_Sync_Doctor_Backend_Down_Fix',
                null
            );
        }
        return this.finding(
            check,
            'BACKEND_CALL_FAILED',
            Doctor.FAIL,
            this.org.format('CRM_Sync_Doctor_Backend_Failed', failure.message)
        );
    }

    private checkContract(reported: string | undefined): SetupCheck {
        const version = reported ?? Doctor.CONTRACT_BEFORE_REPORTING;
        const values = [version, `${Doctor.CONTRACT_MAJOR}.x`];
        if (!version.startsWith(`${Doctor.CONTRACT_MAJOR}.`)) {
            return this.withFix(
                this.finding(
                    Doctor.CONTRACT_VERSION,
                    'CONTRACT_UNSUPPORTED',
                    Doctor.FAIL,
                    this.org.format('CRM_Sync_Doctor_Contract_Unsupported', ...values)
                ),
                'CRM_Sync_Doctor_Contract_Unsupported_Fix',
                null
            );
        }
        return this.finding(
            Doctor.CONTRACT_VERSION,
            'CONTRACT_SUPPORTED',
            Doctor.PASS,
            this.org.format('CRM_Sync_Doctor_Contract_OK', ...values)
        );
    }

    private checkKeyExpiry(expiresAt: string | null | undefined): SetupCheck {
        const check = Doctor.API_KEY_EXPIRY;
        if (expiresAt == null) {
            return this.finding(
                check,
                'API_KEY_NO_EXPIRY',
                Doctor.PASS,
                this.org.label('CRM_Sync_Doctor_Key_No_Expiry')
            );
        }
        const expiry = Date.parse(expiresAt);
        const hoursLeft = Math.trunc((expiry - this.org.now()) / (60 * 60 * 1000));
        const daysLeft = Math.max(0, Math.trunc(hoursLeft / 24));
        // Datetime.date().format(): the date in the running user's locale.
        const date = new Intl.DateTimeFormat(this.org.locale.replace('_', '-')).format(expiry);
        if (daysLeft >= Doctor.KEY_WARNING_DAYS) {
            return this.finding(
                check,
                'API_KEY_VALID',
                Doctor.PASS,
                this.org.format('CRM_Sync_Doctor_Key_Valid', date, daysLeft)
            );
        }
        return this.withFix(
            this.finding(
                check,
                'API_KEY_EXPIRING',
                Doctor.WARN,
                this.org.format('CRM_Sync_Doctor_Key_Expiring', date, daysLeft)
            ),
            'CRM_Sync_Doctor_Key_Replace_Fix',
            Doctor.SETUP_NAMED_CREDENTIALS
        );
    }

    private async checkOrgLink(storedLinkedOrgId: string | null): Promise<SetupCheck> {
        const check = Doctor.ORG_LINK;
        const thisOrg = this.org.orgId;
        if (storedLinkedOrgId !== null && !isThisOrg(this.org, storedLinkedOrgId)) {
            return this.withFix(
                this.finding(
                    check,
                    'ORG_COPY',
                    Doctor.FAIL,
                    this.org.format('CRM_Sync_Doctor_Org_Copy', storedLinkedOrgId, thisOrg)
                ),
                'CRM_Sync_Doctor_Org_Copy_Fix',
                null
            );
        }
        let connection;
        try {
            connection = await this.client.getConnection();
        } catch (failure) {
            if (!(failure instanceof CrmSyncException)) {
                throw failure;
            }
            return { ...this.failedCall(failure), check, title: this.org.label(TITLES[check]) };
        }
        if (connection.connected !== true || connection.linkedOrgId == null) {
            return this.withFix(
                this.finding(check, 'ORG_NOT_LINKED', Doctor.WARN, this.org.label('CRM_Sync_Doctor_Org_Not_Linked')),
                'CRM_Sync_Doctor_Org_Not_Linked_Fix',
                null
            );
        }
        if (!isThisOrg(this.org, connection.linkedOrgId)) {
            return this.withFix(
                this.finding(
                    check,
                    'ORG_LINKED_ELSEWHERE',
                    Doctor.FAIL,
                    this.org.format('CRM_Sync_Doctor_Org_Elsewhere', connection.linkedOrgId, thisOrg)
                ),
                'CRM_Sync_Doctor_Org_Elsewhere_Fix',
                null
            );
        }
        return this.finding(check, 'ORG_LINKED', Doctor.PASS, this.org.format('CRM_Sync_Doctor_Org_Linked', thisOrg));
    }

    private finding(check: string, code: string, status: Status, message: string): SetupCheck {
        return { check, code, status, title: this.org.label(TITLES[check]), message };
    }

    private withFix(finding: SetupCheck, fixLabel: string, fixUrl: string | null): SetupCheck {
        const fix = this.org.label(fixLabel);
        return fixUrl === null
            ? { ...finding, fix }
            : { ...finding, fix, fixUrl, fixUrlLabel: this.org.label(SETUP_PAGES[fixUrl]) };
    }
}

function worst(checks: SetupCheck[]): string {
    if (checks.some((check) => check.status === Doctor.FAIL)) {
        return Doctor.FAIL;
    }
    return checks.some((check) => check.status === Doctor.WARN) ? Doctor.WARN : Doctor.PASS;
}

/** The message Salesforce raises when the running user may not use the External Credential's principal. */
export const NO_PRINCIPAL_MESSAGE = `We couldn't access the credential(s). You might not have the required permissions, or the external credential "${ClientConstants.EXTERNAL_CREDENTIAL}" might not exist.`;
