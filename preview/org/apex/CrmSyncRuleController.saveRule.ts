// CrmSyncRuleController.saveRule: Saves a new rule or changes one.
import { RuleService } from '../rules';
import { apex } from '../runtime';

const saveRule: typeof import('@salesforce/apex/CrmSyncRuleController.saveRule').default = (params) =>
    apex('CrmSyncRuleController.saveRule', (org) => {
        org.requireAdmin();
        return new RuleService(org).save(params.rule);
    });

export default saveRule;
