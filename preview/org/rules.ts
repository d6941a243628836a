// CrmSyncRuleService: assignment rules. A rule has one criterion (a profile, a role and the roles below it, or a
// permission set) and a license type; applying it switches on CRM sync with that license for the active users it
// selects who lack either, never for users an admin switched off by hand (jobs.ts, operation Apply_Rule). Saving and
// deleting are audited; the scheduled check applies the active rules one job after the other. Rules as in Apex.
import type { CriterionOption, RuleInput, RuleView } from 'crm-sync/apex-types';
import { recordOutcome } from './audit';
import { isLicenseType } from './client';
import type { RuleRecord } from './data';
import { normaliseQuery, openUserSelection } from './directory';
import type { UserRefinement } from './directory';
import { CrmSyncException } from './errors';
import { CrmSyncAuditLog, CrmSyncRuleService } from './generated/apex-constants';
import { startRuleParts } from './jobs';
import type { SimulatedOrg } from './org';
import type { SetupRecord } from './setup';

const { PROFILE, ROLE_SUBTREE, PERMISSION_SET } = CrmSyncRuleService;
const CRITERIA: readonly string[] = [PROFILE, ROLE_SUBTREE, PERMISSION_SET];

function invalid(org: SimulatedOrg, label: string, value?: string | number | null): CrmSyncException {
    return new CrmSyncException('INVALID_INPUT', org.format(label, value == null ? '' : String(value)));
}

function requireCriterion(org: SimulatedOrg, criterion: string | null | undefined): string {
    if (!CRITERIA.includes(criterion ?? '')) {
        throw invalid(org, 'CRM_Sync_Error_Rule_Criterion_Required');
    }
    return criterion as string;
}

/** CrmSyncDataAccess.getCriterionOptions: profiles (of standard users), roles or permission sets, by name. */
function recordsOf(org: SimulatedOrg, criterion: string): SetupRecord[] {
    const { setup } = org.data;
    if (criterion === PROFILE) {
        return setup.profiles;
    }
    return criterion === ROLE_SUBTREE ? setup.roles : setup.permissionSets;
}

function view(rule: RuleRecord): RuleView {
    return {
        id: rule.Id,
        name: rule.Name,
        criterion: rule.Criterion__c,
        criterionId: rule.Criterion_Id__c,
        criterionLabel: rule.Criterion_Label__c,
        licenseType: rule.License_Type__c,
        active: rule.Active__c
    };
}

/** CrmSyncDataAccess.getRoleSubtree: a role and every role below it. */
function roleSubtree(org: SimulatedOrg, rootId: string): Set<string> {
    const subtree = new Set([rootId]);
    let frontier = [rootId];
    while (frontier.length > 0) {
        const next = org.data.setup.roles.filter((role) => role.ParentId && frontier.includes(role.ParentId));
        frontier = next.map((role) => role.Id).filter((id) => !subtree.has(id));
        frontier.forEach((id) => subtree.add(id));
    }
    return subtree;
}

/** criterionIdsOf: its profile or permission set, or its role and every role below it. */
export function criterionIdsOf(org: SimulatedOrg, rule: RuleRecord): Set<string> {
    return rule.Criterion__c === ROLE_SUBTREE
        ? roleSubtree(org, rule.Criterion_Id__c)
        : new Set([rule.Criterion_Id__c]);
}

export class RuleService {
    private readonly org: SimulatedOrg;

    constructor(org: SimulatedOrg) {
        this.org = org;
    }

    getRules(): RuleView[] {
        return this.org.data.getRules().slice(0, CrmSyncRuleService.MAX_RULES).map(view);
    }

    getCriterionOptions(criterion: string | null): CriterionOption[] {
        return recordsOf(this.org, requireCriterion(this.org, criterion))
            .map((record) => ({ id: record.Id, label: record.Name }))
            .sort((a, b) => a.label.localeCompare(b.label, 'en'))
            .slice(0, CrmSyncRuleService.MAX_OPTIONS);
    }

    countMatches(input: RuleInput | null): number {
        const rule = { ...this.criterionOf(input), Id: '', Name: '', License_Type__c: '', Active__c: true };
        const refinement: UserRefinement = {
            stateMustHold: [],
            stateMustNotHold: [],
            active: null,
            licenseType: null,
            failedInJob: null,
            importKey: null,
            importLicenseType: null,
            criterion: rule.Criterion__c,
            criterionIds: criterionIdsOf(this.org, rule)
        };
        return openUserSelection(this.org, normaliseQuery(this.org, {}), refinement).getNumRecords();
    }

    save(input: RuleInput | null): RuleView {
        const { org } = this;
        if (!input) {
            throw invalid(org, 'CRM_Sync_Error_Rule_Criterion_Required');
        }
        const current = input.id?.trim() ? this.requireRule(input.id) : null;
        const name = input.name?.trim() ?? '';
        if (!name || name.length > CrmSyncRuleService.MAX_NAME_LENGTH) {
            throw invalid(org, 'CRM_Sync_Error_Rule_Name_Required', CrmSyncRuleService.MAX_NAME_LENGTH);
        }
        const existing = org.data.getRules();
        if (existing.some((other) => other.Id !== current?.Id && other.Name.toLowerCase() === name.toLowerCase())) {
            throw invalid(org, 'CRM_Sync_Error_Rule_Name_Taken', name);
        }
        if (!current && existing.length >= CrmSyncRuleService.MAX_RULES) {
            throw invalid(org, 'CRM_Sync_Error_Too_Many_Rules', CrmSyncRuleService.MAX_RULES);
        }
        if (!input.licenseType?.trim()) {
            throw invalid(org, 'CRM_Sync_Error_License_Type_Required');
        }
        if (!isLicenseType(input.licenseType)) {
            throw invalid(org, 'CRM_Sync_Error_Invalid_License_Type', input.licenseType);
        }
        const rule = org.data.saveRule({
            ...this.criterionOf(input),
            ...(current ? { Id: current.Id } : {}),
            Name: name,
            License_Type__c: input.licenseType,
            Active__c: input.active !== false
        });
        this.audit(rule, 'CRM_Sync_Audit_Rule_Saved');
        return view(rule);
    }

    remove(ruleId: string | null): void {
        const rule = this.requireRule(ruleId);
        this.org.data.deleteRule(rule.Id);
        this.audit(rule, 'CRM_Sync_Audit_Rule_Deleted');
    }

    requireRule(ruleId: string | null | undefined): RuleRecord {
        const rule = ruleId ? this.org.data.getRule(ruleId) : null;
        if (!rule) {
            throw invalid(this.org, 'CRM_Sync_Error_Rule_Not_Found');
        }
        return rule;
    }

    /** applyActiveRules: the scheduled check's rule jobs, unless another job runs. */
    applyActiveRules(): void {
        const { data } = this.org;
        const ruleIds = data
            .getRules()
            .filter((rule) => rule.Active__c)
            .map((rule) => rule.Id);
        if (ruleIds.length > 0 && !data.getActiveJob()) {
            startRuleParts(this.org, ruleIds);
        }
    }

    /** setCriterion: the criterion and its id, checked against what exists, with the name to show. */
    private criterionOf(
        input: RuleInput | null
    ): Pick<RuleRecord, 'Criterion__c' | 'Criterion_Id__c' | 'Criterion_Label__c'> {
        const criterion = requireCriterion(this.org, input?.criterion);
        const found = recordsOf(this.org, criterion).find((record) => record.Id === input?.criterionId);
        if (!found) {
            throw invalid(this.org, 'CRM_Sync_Error_Rule_Criterion_Not_Found', input?.criterionId ?? '');
        }
        return { Criterion__c: criterion, Criterion_Id__c: found.Id, Criterion_Label__c: found.Name };
    }

    private audit(rule: RuleRecord, label: string): void {
        const { org } = this;
        recordOutcome(
            org,
            {
                action: CrmSyncAuditLog.SAVE_RULE,
                correlationId: null,
                targetUserIds: [],
                details: org.format(label, rule.Name, rule.Criterion_Label__c, rule.License_Type__c)
            },
            CrmSyncAuditLog.SUCCEEDED,
            null
        );
    }
}
