// CrmSyncAdminController.exportActivity: one chunk of the CSV export of every audit entry matching the filters.
import { ActivityLog } from '../activity';
import { apex } from '../runtime';

const exportActivity: typeof import('@salesforce/apex/CrmSyncAdminController.exportActivity').default = (params) =>
    apex('CrmSyncAdminController.exportActivity', (org) => {
        org.requireAdmin();
        return new ActivityLog(org).getExportChunk(params.query, params.after);
    });

export default exportActivity;
