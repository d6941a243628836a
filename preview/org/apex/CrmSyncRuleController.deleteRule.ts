// CrmSyncRuleController.deleteRule: Deletes a rule; what it switched on stays on.
import { RuleService } from '../rules';
import { apex } from '../runtime';

const deleteRule: typeof import('@salesforce/apex/CrmSyncRuleController.deleteRule').default = (params) =>
    apex('CrmSyncRuleController.deleteRule', (org) => {
        org.requireAdmin();
        const service = new RuleService(org);
        service.remove(params.ruleId);
        return service.getRules();
    });

export default deleteRule;
