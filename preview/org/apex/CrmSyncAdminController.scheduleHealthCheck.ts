// CrmSyncAdminController.scheduleHealthCheck: schedules the health check every given hours; null stops it.
import { scheduleHealth } from '../monitor';
import { apex } from '../runtime';

const scheduleHealthCheck: typeof import('@salesforce/apex/CrmSyncAdminController.scheduleHealthCheck').default = ({
    everyHours
}) =>
    apex('CrmSyncAdminController.scheduleHealthCheck', (org) => {
        org.requireAdmin();
        return scheduleHealth(org, everyHours ?? null);
    });

export default scheduleHealthCheck;
