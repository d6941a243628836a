// CrmSyncNotifier: a custom notification (the bell and mobile, type CRM_Sync_Alert) to every active holder of the
// CRM Sync Admin permission set, opening the CRM Sync tab. The preview keeps what was sent in OrgData.notifications.
import { CrmSyncNotifier } from './generated/apex-constants';
import type { SimulatedOrg } from './org';

/** notifyAdmins: how many admins were notified. Here the holders are the running user when they hold the set. */
export function notifyAdmins(org: SimulatedOrg, title: string, body: string): number {
    const recipientIds = org.canManage() ? [org.runningUser.Id] : [];
    if (recipientIds.length === 0) {
        return 0;
    }
    org.data.notifications.push({
        title: abbreviate(title, CrmSyncNotifier.MAX_TITLE),
        body: abbreviate(body, CrmSyncNotifier.MAX_BODY),
        target: CrmSyncNotifier.PANEL_TAB,
        recipientIds,
        sentAt: new Date(org.now()).toISOString()
    });
    return recipientIds.length;
}

/** Apex String.abbreviate: at most `max` characters, the last three "..." when shortened. */
export function abbreviate(text: string, max: number): string {
    return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
