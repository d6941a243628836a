// CrmSyncRuleController.countRuleMatches: How many active standard users a rule selects, before it is saved.
import { RuleService } from '../rules';
import { apex } from '../runtime';

const countRuleMatches: typeof import('@salesforce/apex/CrmSyncRuleController.countRuleMatches').default = (params) =>
    apex('CrmSyncRuleController.countRuleMatches', (org) => {
        org.requireAdmin();
        return new RuleService(org).countMatches(params.rule);
    });

export default countRuleMatches;
