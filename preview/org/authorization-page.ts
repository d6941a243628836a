// CrmSyncAuthorizationPage: the page the backend asks an admin to open for authorization is opened only when it is
// an https URL on the backend's own host (the named credential's) or on a host listed in
// CRM_Sync_Authorization_Host__mdt; anything else would be an open redirect.
import { CrmSyncException } from './errors';
import type { SimulatedOrg } from './org';

/** Apex Url: an absolute https URL with a host and no user info; null for anything else. */
function parseHttps(value: string | null | undefined): URL | null {
    if (!value?.trim()) {
        return null;
    }
    let parsed: URL;
    try {
        parsed = new URL(value.trim());
    } catch {
        return null;
    }
    const https = parsed.protocol === 'https:' && parsed.hostname !== '';
    return https && parsed.username === '' && parsed.password === '' ? parsed : null;
}

/** requireTrusted: the URL as parsed, or UNTRUSTED_AUTHORIZATION_PAGE. */
export function requireTrustedAuthorizationPage(
    org: SimulatedOrg,
    url: string | undefined,
    correlationId: string
): string {
    const page = parseHttps(url);
    const backend = parseHttps(org.namedCredentialEndpoint);
    const host = page?.hostname.toLowerCase();
    const allowed = org.allowedAuthorizationHosts.map((allowedHost) => allowedHost.trim().toLowerCase());
    if (!page || !host || (host !== backend?.hostname.toLowerCase() && !allowed.includes(host))) {
        throw new CrmSyncException(
            'UNTRUSTED_AUTHORIZATION_PAGE',
            org.label('CRM_Sync_Error_Untrusted_Authorization_Page'),
            false,
            correlationId
        );
    }
    return page.href;
}
