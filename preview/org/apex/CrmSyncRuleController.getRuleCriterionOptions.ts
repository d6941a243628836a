// CrmSyncRuleController.getRuleCriterionOptions: What a rule of a criterion can name.
import { RuleService } from '../rules';
import { apex } from '../runtime';

const getRuleCriterionOptions: typeof import('@salesforce/apex/CrmSyncRuleController.getRuleCriterionOptions').default =
    (params) =>
        apex('CrmSyncRuleController.getRuleCriterionOptions', (org) => {
            org.requireAdmin();
            return new RuleService(org).getCriterionOptions(params.criterion);
        });

export default getRuleCriterionOptions;
