// CrmSyncPanelService: the admin panel's first paint in one call, the job of a change for many users, the seat
// release schedule and the newest audit entries included. Each backend section that fails carries its own error;
// when the backend is unreachable or timed out, the remaining backend calls are skipped and share that error instead
// of waiting again.
import type { Access, ErrorView, PanelState, UserQuery } from 'crm-sync/apex-types';
import { ActivityLog } from './activity';
import { ConnectionService } from './connection';
import { UserDirectory } from './directory';
import { CrmSyncException } from './errors';
import { CrmSyncPanelService } from './generated/apex-constants';
import { JobService } from './jobs';
import type { SimulatedOrg } from './org';
import { describeHealth } from './monitor';
import { RuleService } from './rules';
import { describeReconciliation } from './seat-release';
import { SettingsService } from './settings';
import { UserService } from './users';

/** CrmSyncAdminController.getAccess: the one answer open to everyone. */
export function accessOf(org: SimulatedOrg): Access {
    return { canManage: org.canManage(), requiredPermissionSet: org.label('CRM_Sync_Permission_Set_Name') };
}

export async function panelState(org: SimulatedOrg, firstPage: UserQuery | null): Promise<PanelState> {
    const state: PanelState = { access: accessOf(org) };
    if (!state.access?.canManage) {
        return state;
    }
    let backendDown: CrmSyncException | undefined;
    /** Runs one section; our failures become its error view, anything else fails the whole call. */
    const section = async <T>(read: () => Promise<T>): Promise<{ value?: T; error?: ErrorView }> => {
        try {
            if (backendDown) {
                throw backendDown;
            }
            return { value: await read() };
        } catch (failure) {
            if (!(failure instanceof CrmSyncException)) {
                throw failure;
            }
            if (!backendDown && CrmSyncPanelService.BACKEND_DOWN.has(failure.code)) {
                backendDown = failure;
            }
            return { error: { ...failure.toView(), correlationId: failure.correlationId ?? undefined } };
        }
    };
    const connection = await section(() => new ConnectionService(org).getConnection());
    const pools = await section(() => new UserService(org).getLicensePools());
    const autofill = await section(() => new SettingsService(org).getAutofill());
    state.connection = connection.value;
    state.connectionError = connection.error;
    state.licensePools = pools.value;
    state.licensePoolsError = pools.error;
    state.autofill = autofill.value;
    state.autofillError = autofill.error;
    state.users = new UserDirectory(org).getPage(firstPage);
    // Apex leaves a null field out of the JSON the component receives.
    state.job = new JobService(org).getCurrentJob() ?? undefined;
    state.reconciliation = describeReconciliation(org);
    state.rules = new RuleService(org).getRules();
    state.health = describeHealth(org);
    state.activity = new ActivityLog(org).getNewest();
    return state;
}
