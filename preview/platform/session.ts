// Who is signed in to the simulated org and in which language, from the page's URL (params.ts). The platform
// modules a component imports — labels, the user id, custom permissions, i18n — answer from here.
import { parseParams } from '../params';
import { ADMIN_INDEX, VIEWER_INDEX } from '../seed/world';
import { userIdAt } from '../seed/salesforce-id';

const params = parseParams(typeof location === 'undefined' ? '' : location.search);

export const session = {
    params,
    language: params.language,
    locale: params.language === 'de' ? 'de-DE' : 'en-US',
    timeZone: params.language === 'de' ? 'Europe/Berlin' : 'America/Los_Angeles',
    /** @salesforce/i18n/number.decimalSeparator of the locale. */
    decimalSeparator: params.language === 'de' ? ',' : '.',
    runningUserId: userIdAt(params.signedInAs === 'viewer' ? VIEWER_INDEX : ADMIN_INDEX),
    /** The CRM Sync Admin permission set grants the CRM_Sync_Admin custom permission; the viewer lacks it. */
    customPermissions: params.signedInAs === 'admin' ? ['CRM_Sync_Admin'] : []
};

/** @salesforce/customPermission/<name>: true when granted, otherwise undefined, as on the platform. */
export function hasCustomPermission(name: string): true | undefined {
    return session.customPermissions.includes(name) ? true : undefined;
}
