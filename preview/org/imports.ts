// CrmSyncImportService: stages the users of a CSV import, chunk by chunk, for the job that changes them. A line is
// staged when it names exactly one standard user (by id, username or email address, ignoring case), active when the
// import enables sync or assigns licenses, not yet staged in this import; every other line is a problem with its line
// number. The first chunk of a file queues the deletion of rows earlier imports left. Rules as in Apex.
import type { ImportChunk, ImportProblem, ImportRow, ImportStage } from 'crm-sync/apex-types';
import { isLicenseType } from './client';
import type { ImportRowRecord, OrgUser } from './data';
import { CrmSyncException } from './errors';
import { CrmSyncAuditLog, CrmSyncImportService } from './generated/apex-constants';
import { enqueueImportCleanup, requireOperation } from './jobs';
import type { SimulatedOrg } from './org';
import { toUserId } from './users';

const { IMPORT_KEY, USERNAME_OR_EMAIL } = CrmSyncImportService;

/** CrmSyncImportService.isImportKey: a lower-case UUID, as crypto.randomUUID() writes it. */
export function isImportKey(value: unknown): value is string {
    return typeof value === 'string' && IMPORT_KEY.regExp.test(value);
}

function isUserKey(key: string): boolean {
    return toUserId(key) !== null || USERNAME_OR_EMAIL.regExp.test(key);
}

function invalid(message: string): CrmSyncException {
    return new CrmSyncException('INVALID_INPUT', message);
}

function requireChunk(org: SimulatedOrg, chunk: ImportChunk | null): asserts chunk is ImportChunk {
    if (!chunk || !isImportKey(chunk.importKey) || !chunk.rows || chunk.rows.length === 0) {
        throw invalid(org.label('CRM_Sync_Error_Invalid_Import'));
    }
    requireOperation(org, chunk.operation);
    if (chunk.rows.length > CrmSyncImportService.MAX_ROWS_PER_CALL) {
        throw invalid(org.format('CRM_Sync_Error_Too_Many_Import_Rows', CrmSyncImportService.MAX_ROWS_PER_CALL));
    }
    for (const row of chunk.rows) {
        if (!row || row.line == null || row.line < 1 || !row.key?.trim()) {
            throw invalid(org.label('CRM_Sync_Error_Invalid_Import'));
        }
        if (chunk.operation === CrmSyncAuditLog.ASSIGN_LICENSE) {
            if (!row.licenseType?.trim()) {
                throw invalid(org.label('CRM_Sync_Error_License_Type_Required'));
            }
            if (!isLicenseType(row.licenseType)) {
                throw invalid(org.format('CRM_Sync_Error_Invalid_License_Type', row.licenseType));
            }
        }
    }
}

/** The users the lines name: a username is unique in all of Salesforce; an email address may belong to several. */
function matcherOf(org: SimulatedOrg, rows: ImportRow[]): (key: string) => OrgUser[] {
    const names = new Set(
        rows
            .map((row) => (row.key ?? '').trim())
            .filter((key) => toUserId(key) === null)
            .map((key) => key.toLowerCase())
    );
    const byUsername = new Map<string, OrgUser>();
    const byEmail = new Map<string, OrgUser[]>();
    for (const user of org.data.users) {
        byUsername.set(user.Username.toLowerCase(), user);
        const email = user.Email?.toLowerCase();
        if (email && names.has(email)) {
            byEmail.set(email, [...(byEmail.get(email) ?? []), user]);
        }
    }
    return (key) => {
        const userId = toUserId(key);
        if (userId !== null) {
            const user = org.data.usersById.get(userId);
            return user ? [user] : [];
        }
        const user = byUsername.get(key.toLowerCase());
        return user ? [user] : (byEmail.get(key.toLowerCase()) ?? []);
    };
}

/** CrmSyncImportService.stage: stages the lines that name a usable user and reports the others. */
export function stageImport(org: SimulatedOrg, chunk: ImportChunk | null): ImportStage {
    requireChunk(org, chunk);
    const importKey = chunk.importKey as string;
    if (!org.data.hasImportRows(importKey)) {
        // The first chunk of a file: a good moment to delete what earlier imports left behind.
        enqueueImportCleanup(org, null);
    }
    const assigning = chunk.operation === CrmSyncAuditLog.ASSIGN_LICENSE;
    const needsActive = assigning || chunk.operation === CrmSyncAuditLog.ENABLE_USER_SYNC;
    const rows = chunk.rows as ImportRow[];
    const matchesOf = matcherOf(org, rows);
    const found = rows.flatMap((row) => matchesOf((row.key ?? '').trim()).map((user) => user.Id));
    const stagedLines = org.data.getStagedLines(importKey, found);
    const problems: ImportProblem[] = [];
    const staged: ImportRowRecord[] = [];
    // Numbers as plain digits, as the Apex passes them to String.format.
    const problem = (row: ImportRow, code: string, label: string, subject: string, detail?: number) =>
        problems.push({
            line: row.line,
            code,
            message: org.format(label, String(row.line), subject, detail === undefined ? undefined : String(detail))
        });
    for (const row of rows) {
        const key = (row.key ?? '').trim();
        const line = row.line as number;
        const matches = matchesOf(key);
        const user = matches.length === 1 ? matches[0] : null;
        if (matches.length === 0) {
            if (isUserKey(key)) {
                problem(row, CrmSyncImportService.UNKNOWN_USER, 'CRM_Sync_Import_Unknown_User', key);
            } else {
                problem(row, CrmSyncImportService.NOT_A_USER, 'CRM_Sync_Import_Not_A_User', key);
            }
        } else if (!user) {
            problem(row, CrmSyncImportService.AMBIGUOUS_EMAIL, 'CRM_Sync_Import_Ambiguous_Email', key, matches.length);
        } else if (user.UserType !== 'Standard') {
            problem(row, CrmSyncImportService.NOT_STANDARD_USER, 'CRM_Sync_Import_Not_Standard_User', user.Name);
        } else if (needsActive && !user.IsActive) {
            problem(row, CrmSyncImportService.INACTIVE_USER, 'CRM_Sync_Import_Inactive_User', user.Name);
        } else if (stagedLines.has(user.Id)) {
            problem(
                row,
                CrmSyncImportService.DUPLICATE,
                'CRM_Sync_Import_Duplicate',
                user.Name,
                stagedLines.get(user.Id)
            );
        } else {
            stagedLines.set(user.Id, line);
            staged.push({
                Import_Key__c: importKey,
                User__c: user.Id,
                License_Type__c: assigning ? (row.licenseType ?? null) : null,
                Line__c: line,
                CreatedDate: new Date(org.now()).toISOString()
            });
        }
    }
    org.data.insertImportRows(staged);
    return { staged: staged.length, problems };
}

/**
 * CrmSyncImportService.deleteRows: an import's rows, or, without a key, rows of imports that never ran (staged more
 * than STALE_AFTER_HOURS ago), keeping the active job's.
 */
export function deleteImportRows(org: SimulatedOrg, importKey: string | null, maxCount: number): number {
    if (importKey !== null) {
        return org.data.deleteImportRows(importKey, null, null, maxCount);
    }
    const before = new Date(org.now() - CrmSyncImportService.STALE_AFTER_HOURS * 3600 * 1000).toISOString();
    return org.data.deleteImportRows(null, before, org.data.getActiveJob()?.Import_Key__c ?? null, maxCount);
}
