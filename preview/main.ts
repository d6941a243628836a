// The preview page: the real CRM Sync components with Salesforce's base components and SLDS, against a simulated
// org (org/) and a simulated sync backend (backend/), both seeded and kept in localStorage. Routes (hash, so a
// reload keeps the view): #/admin (the CRM Sync app page), #/user/<id> (a User record page; /action opens the
// quick action), #/authorize?request=<token> (the backend's authorization page). URL parameters: params.ts.
//
// Synthetic shadow must load before any component: SLDS is global CSS, and only synthetic shadow lets it reach
// inside the components, as in Lightning Experience; the base components expect it too.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import CrmSyncAdminPanel from 'c/crmSyncAdminPanel';
import { createBackend } from './backend/backend';
import type { BackendRequest, BackendResponse } from './backend/backend';
import { createOrg } from './org/org';
import { runSandboxPostCopy } from './org/sandbox';
import type { OrgOptions } from './org/org';
import { installOrg } from './org/runtime';
import { resumeActiveJob } from './org/jobs';
import { TimerQueue } from './org/queue';
import { STORAGE_PREFIX, storageKey } from './params';
import type { KeyValueStorage } from './persist';
import { memoryStorage, readJson, writeJson } from './persist';
import { calloutEndpoint, httpCallout } from './platform/http-callout';
import { labelTexts } from './platform/labels';
import { session } from './platform/session';
import { userIdAt } from './seed/salesforce-id';
import { authorizationToken, renderAuthorizePage } from './shell/authorize-page';
import { h } from './shell/dom';
import type { RecordPage } from './shell/record-page';
import { renderRecordPage } from './shell/record-page';
import { shellTexts } from './shell/texts';
import { installToastHost } from './shell/toasts';
import { markCurrentPage, renderBanner, renderToolbar } from './shell/toolbar';

const params = session.params;
const texts = shellTexts(params.language);
/** The user the "User record" link opens: active, with a CRM account, no license yet. */
const DEFAULT_RECORD_USER = userIdAt(6);
/** The hand-placed users of the seed, one per interesting state (seed/world.ts). */
const SAMPLE_USER_COUNT = 8;

function browserStorage(): KeyValueStorage {
    try {
        window.localStorage.setItem(`${STORAGE_PREFIX}probe`, '1');
        window.localStorage.removeItem(`${STORAGE_PREFIX}probe`);
        return window.localStorage;
    } catch {
        return memoryStorage();
    }
}

// --- the simulations -----------------------------------------------------------------------------------------
const storage = browserStorage();
const backend = createBackend({ ...params, storage, storageKey: storageKey(params, 'backend') });
// `npm start -- --backend <url>`: the callouts go over HTTP to that backend instead of the simulated one.
const endpoint = calloutEndpoint(document);
const backendRequests: { method: string; path: string; status: number | 'failed' }[] = [];
async function callout(request: BackendRequest): Promise<BackendResponse> {
    const entry: (typeof backendRequests)[number] = { method: request.method, path: request.path, status: 'failed' };
    backendRequests.push(entry);
    const response = endpoint ? await httpCallout(endpoint, request) : await backend.handle(request);
    entry.status = response.status;
    return response;
}
/** The Named Credential and principal grants each setup scenario breaks; the defaults are a configured org. */
function credentialSetup(): Pick<OrgOptions, 'namedCredentialEndpoint' | 'principalGrants'> {
    if (params.scenario === 'placeholder-url') {
        return { namedCredentialEndpoint: 'https://crm-sync.example.invalid' };
    }
    // The admin holds CRM Sync Admin's custom permission through a set that lacks the principal.
    return params.scenario === 'no-principal' ? { principalGrants: new Map() } : {};
}
// The platform's queue runs queued Apex on its servers; the preview runs it in the page, a queued step starting after
// 300 ms and one minute of delay (after a 429) lasting a second, so a job of 50,000 users ends in well under a minute.
const queue = new TimerQueue({ startMs: 300, minuteMs: 1000, onActivity: () => renewQueueLease() });
const org = createOrg({
    userCount: params.userCount,
    seed: params.seed,
    tenant: params.tenant,
    runningUserId: session.runningUserId,
    hasAdminPermission: session.customPermissions.includes('CRM_Sync_Admin'),
    labels: labelTexts(),
    // The running user's LocaleSidKey follows the preview's language: SOQL sorts names in it.
    locale: params.language === 'de' ? 'de_DE' : 'en_US',
    callout,
    ...credentialSetup(),
    storage,
    storageKey: storageKey(params, 'org'),
    queue
});
if (params.scenario === 'sandbox-copy' && !org.data.connection.Copied_At__c) {
    // Salesforce runs the post-copy class once, when the sandbox is made: here on the first visit, and again only
    // after "Reset preview data".
    runSandboxPostCopy(org, 'uat');
}
const apexCalls = installOrg(org, { latencyMs: params.apexLatencyMs });

// One tab plays the platform's queue for a job: the tab whose queue holds steps keeps a lease fresh. A page reloaded
// while a job runs, or another tab finding the lease expired (its tab was closed), takes the job over from where its
// record stands, as the platform would have gone on.
const QUEUE_LEASE_KEY = `${STORAGE_PREFIX}queue-lease`;
const QUEUE_LEASE_MS = 5000;
function renewQueueLease(): void {
    writeJson(storage, QUEUE_LEASE_KEY, { at: Date.now() });
}
setInterval(() => {
    if (queue.busy) {
        renewQueueLease();
        return;
    }
    const lease = readJson<{ at: number }>(storage, QUEUE_LEASE_KEY);
    if (org.data.getActiveJob() && (!lease || Date.now() - lease.at > QUEUE_LEASE_MS)) {
        renewQueueLease();
        resumeActiveJob(org);
    }
}, 1000);

// Another tab changed the data (the authorization page, or a reset): read it again.
window.addEventListener('storage', (event) => {
    if (event.key === null || event.key.startsWith(STORAGE_PREFIX)) {
        backend.reload();
        org.data.load();
    }
});

// The panel opens the backend's authorization page in a new tab; the preview serves that page itself.
const nativeOpen = window.open.bind(window);
window.open = (url?: string | URL, target?: string, features?: string) => {
    const token = url === undefined ? undefined : authorizationToken(String(url));
    const local = token
        ? `${location.pathname}${location.search}#/authorize?request=${encodeURIComponent(token)}`
        : url;
    return nativeOpen(local, target, features);
};

function resetPreviewData(): void {
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
        const key = window.localStorage.key(i);
        if (key?.startsWith(STORAGE_PREFIX)) {
            window.localStorage.removeItem(key);
        }
    }
    location.reload();
}

// --- the page ------------------------------------------------------------------------------------------------
document.documentElement.lang = params.language;
const root = document.getElementById('preview-root') as HTMLElement;
const app = h('div', { id: 'preview-app' });
const page = h('main', { class: 'preview-page', id: 'preview-page' });
const toastContainer = h('div', { class: 'slds-notify_container preview-toasts' });
root.append(app, toastContainer);
const toasts = installToastHost(toastContainer, texts);

const search = location.search;
const links = { admin: `${search}#/admin`, user: `${search}#/user/${DEFAULT_RECORD_USER}` };
const toolbar = renderToolbar(params, texts, links, { onReset: resetPreviewData });

type Route =
    { page: 'admin' } | { page: 'user'; userId: string; action: boolean } | { page: 'authorize'; token: string };

function parseRoute(hash: string): Route {
    const user = /^#\/user\/([A-Za-z0-9]{15,18})(\/action)?$/.exec(hash);
    if (user) {
        return { page: 'user', userId: user[1], action: Boolean(user[2]) };
    }
    const authorize = /^#\/authorize\?request=([^&]*)/.exec(hash);
    if (authorize) {
        return { page: 'authorize', token: decodeURIComponent(authorize[1]) };
    }
    return { page: 'admin' };
}

let recordPage: (RecordPage & { userId: string }) | undefined;

function render(): void {
    const route = parseRoute(location.hash);
    if (route.page === 'authorize') {
        app.replaceChildren(renderBanner(params, texts), page);
        page.replaceChildren(renderAuthorizePage(backend.authorize(route.token), texts));
        return;
    }
    if (!toolbar.isConnected) {
        app.replaceChildren(renderBanner(params, texts), toolbar, page);
    }
    markCurrentPage(toolbar, route.page);
    // Only the dialog changed: open or close it without reloading the page's components.
    if (route.page === 'user' && recordPage?.userId === route.userId) {
        if (route.action) {
            recordPage.openAction();
        } else {
            recordPage.closeAction();
        }
        return;
    }
    recordPage?.dispose();
    recordPage = undefined;
    if (route.page === 'admin') {
        page.replaceChildren(createElement('c-crm-sync-admin-panel', { is: CrmSyncAdminPanel }));
        return;
    }
    const current = renderRecordPage(route.userId, {
        findUser: (userId) => org.data.usersById.get(userId),
        sampleUsers: org.data.users.slice(0, SAMPLE_USER_COUNT),
        texts,
        showUser: (userId) => location.assign(`${search}#/user/${userId}`),
        setActive: (userId, active) => org.updateUserActive([userId], active),
        onActionChange: (open) =>
            history.replaceState(null, '', `${search}#/user/${route.userId}${open ? '/action' : ''}`)
    });
    recordPage = { ...current, userId: route.userId };
    page.replaceChildren(current.element);
    if (route.action) {
        current.openAction();
    }
}

window.addEventListener('hashchange', render);
if (!location.hash) {
    history.replaceState(null, '', `${search}#/admin`);
}
render();

// For browser tests and the benchmark: what the page did, without reaching into the components.
Object.assign(window, {
    crmSyncPreview: {
        params,
        calloutEndpoint: endpoint,
        apexCalls,
        backendRequests,
        toasts,
        audit: () => org.data.audit,
        notifications: () => org.data.notifications,
        reset: resetPreviewData
    }
});
