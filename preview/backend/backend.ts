// The simulated CRM sync backend: `handle(request)` answers like the real service described by
// api/crm-sync-backend.openapi.yaml — same paths, methods, headers, status codes and problem+json bodies — for the
// simulated org's client. Every request passes the same steps: scenario, authentication, rate limit, audit headers,
// Idempotency-Key, then the operation (operations.ts).
import type { KeyValueStorage } from '../persist';
import type { Scenario, Tenant } from '../params';
import { seedWorld } from '../seed/world';
import type { SeedWorld } from '../seed/world';
import type { BackendRequest, BackendResponse, InvalidParam } from './http';
import {
    BACKEND_URL,
    CalloutError,
    Problem,
    inMaintenance,
    invalid,
    isUuid,
    randomUuid,
    unauthenticated
} from './http';
import * as operations from './operations';
import type { OperationContext, OperationResult } from './operations';
import { TenantData } from './tenant';
import { isSalesforceId } from '../seed/salesforce-id';

export type { BackendRequest, BackendResponse } from './http';
export { CalloutError } from './http';

export interface BackendOptions {
    userCount: number;
    seed: number;
    tenant: Tenant;
    scenario: Scenario;
    storage: KeyValueStorage;
    storageKey: string;
    now?: () => number;
    /** How the `slow` scenario waits; tests pass one that only records. */
    sleep?: (ms: number) => Promise<void>;
    /**
     * The tenant's people, states and pools, instead of the seeded ones: the job benchmark states its own, and the
     * reference backend (server/) the ones its database holds.
     */
    world?: SeedWorld;
    /** Where the first answer to each Idempotency-Key is kept; in memory unless given (the server's database). */
    replays?: ReplayStore;
    /** The times of the recent requests the rate limit counts; the server keeps one list per API key. */
    recentRequests?: number[];
    /** Requests allowed in 60 seconds (the contract's example, 600, unless given). */
    rateLimit?: number;
    /** Where the authorization page is served: BACKEND_URL unless given; null when the backend has no https address. */
    publicUrl?: string | null;
    /** getHealth's backendVersion: the preview's unless given (the reference backend names itself). */
    backendVersion?: string;
}

/** The first answer to an Idempotency-Key, and what it answered: method, path and body. */
export interface Replay {
    fingerprint: string;
    response: BackendResponse;
    storedAt: number;
}

export interface ReplayStore {
    get(key: string): Promise<Replay | undefined>;
    set(key: string, replay: Replay): Promise<void>;
}

function memoryReplays(): ReplayStore {
    const replays = new Map<string, Replay>();
    return {
        get: async (key) => replays.get(key),
        set: async (key, replay) => void replays.set(key, replay)
    };
}

export type AuthorizeOutcome = 'authorized' | 'expired' | 'unknown';

export interface SyncBackend {
    handle(request: BackendRequest): Promise<BackendResponse>;
    /** The backend's own authorization page: the admin allowed access for the request token of a 202. */
    authorize(requestToken: string): AuthorizeOutcome;
    /** Re-reads the stored data (another tab changed it). */
    reload(): void;
}

type OperationId = Exclude<keyof typeof operations, 'BACKEND_VERSION' | 'CONTRACT_VERSION' | 'poolViews'>;

interface Route {
    method: string;
    pattern: RegExp;
    operation: OperationId;
    /** A state-changing request: needs an Idempotency-Key and is replayed for the same key. */
    mutation: boolean;
}

const ROUTES: Route[] = [
    { method: 'GET', pattern: /^\/v1\/health$/, operation: 'getHealth', mutation: false },
    { method: 'GET', pattern: /^\/v1\/connection$/, operation: 'getConnection', mutation: false },
    { method: 'PUT', pattern: /^\/v1\/connection$/, operation: 'linkOrg', mutation: true },
    { method: 'POST', pattern: /^\/v1\/connection\/unlink$/, operation: 'unlinkOrg', mutation: true },
    { method: 'POST', pattern: /^\/v1\/connection\/pause$/, operation: 'pauseSync', mutation: true },
    { method: 'POST', pattern: /^\/v1\/connection\/resume$/, operation: 'resumeSync', mutation: true },
    { method: 'POST', pattern: /^\/v1\/connection\/dry-run$/, operation: 'previewConnectionChange', mutation: false },
    { method: 'GET', pattern: /^\/v1\/licenses$/, operation: 'listLicensePools', mutation: false },
    { method: 'POST', pattern: /^\/v1\/users\/lookup$/, operation: 'lookupUsers', mutation: false },
    { method: 'POST', pattern: /^\/v1\/users\/batch$/, operation: 'updateUsers', mutation: true },
    { method: 'PATCH', pattern: /^\/v1\/users\/(?<salesforceUserId>[^/]+)$/, operation: 'updateUser', mutation: true },
    { method: 'GET', pattern: /^\/v1\/settings\/autofill$/, operation: 'getAutofillSettings', mutation: false },
    { method: 'PUT', pattern: /^\/v1\/settings\/autofill$/, operation: 'updateAutofillSettings', mutation: true },
    { method: 'GET', pattern: /^\/v1\/sync-errors$/, operation: 'listSyncErrors', mutation: false },
    { method: 'POST', pattern: /^\/v1\/sync-errors\/retry$/, operation: 'retrySyncErrors', mutation: true }
];

/** The contract's rate limit (example: more than 600 requests in 60 seconds). */
const RATE_LIMIT = 600;
const RATE_WINDOW_MS = 60000;
const SLOW_MS = 2000;
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The `paused` scenario: a linked tenant an admin paused for a data migration. Applied on the first visit only, so a
 * resume made in the preview holds across reloads; "Reset preview data" starts it again.
 */
function pauseOnce(tenant: TenantData, world: SeedWorld, options: BackendOptions, at: number): void {
    const marker = `${options.storageKey}/paused-scenario`;
    if (options.storage.getItem(marker) !== null || tenant.connection.linkedOrgId === null) {
        return;
    }
    const admin = world.people[0];
    tenant.connection = {
        ...tenant.connection,
        pause: {
            reason: 'Data migration until Friday',
            pausedBy: { userId: admin.id, name: admin.name },
            pausedAt: new Date(at - 26 * 60 * 60 * 1000).toISOString()
        }
    };
    tenant.save();
    options.storage.setItem(marker, '1');
}

export function createBackend(options: BackendOptions): SyncBackend {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const world = options.world ?? seedWorld(options.userCount, options.seed, options.tenant);
    const tenant = new TenantData(world, options.tenant, options.storage, options.storageKey);
    if (options.scenario === 'paused') {
        pauseOnce(tenant, world, options, now());
    }
    const replays = options.replays ?? memoryReplays();
    const recentRequests = options.recentRequests ?? [];
    const rateLimit = options.rateLimit ?? RATE_LIMIT;
    let conflictArmed = options.scenario === 'conflict';
    // The `retry-busy` scenario: the first retry of sync errors is rate limited, the second meets maintenance.
    const retryFaults: Problem[] =
        options.scenario === 'retry-busy'
            ? [
                  new Problem(
                      'RATE_LIMITED',
                      'More than 600 requests in 60 seconds.',
                      { retryAfterSeconds: 30 },
                      {
                          'Retry-After': '30'
                      }
                  ),
                  inMaintenance(60)
              ]
            : [];

    function respond(status: number, correlationId: string, body: unknown, headers: Record<string, string> = {}) {
        const problem = status >= 400;
        return {
            status,
            headers: {
                'Content-Type': problem ? 'application/problem+json' : 'application/json',
                'X-Correlation-Id': correlationId,
                ...headers
            },
            body: JSON.stringify(body)
        };
    }

    function rateLimited(at: number): Problem | undefined {
        while (recentRequests.length > 0 && recentRequests[0] <= at - RATE_WINDOW_MS) {
            recentRequests.shift();
        }
        const limited = options.scenario === 'rate-limited' || recentRequests.length >= rateLimit;
        if (!limited) {
            recentRequests.push(at);
            return undefined;
        }
        const wait =
            options.scenario === 'rate-limited'
                ? 30
                : Math.max(1, Math.ceil((recentRequests[0] + RATE_WINDOW_MS - at) / 1000));
        return new Problem(
            'RATE_LIMITED',
            `More than ${rateLimit} requests in 60 seconds.`,
            { retryAfterSeconds: wait },
            {
                'Retry-After': String(wait),
                'RateLimit-Policy': `"default";q=${rateLimit};w=60`,
                RateLimit: `"default";r=0;t=${wait}`
            }
        );
    }

    /** The audit headers every operation requires, and the Idempotency-Key of mutations. */
    function headerFindings(header: (name: string) => string | undefined, route: Route): InvalidParam[] {
        const findings: InvalidParam[] = [];
        const orgId = header('x-salesforce-org-id') ?? '';
        if (!/^00D[a-zA-Z0-9]{15}$/.test(orgId) || !isSalesforceId(orgId)) {
            findings.push({ pointer: 'header:X-Salesforce-Org-Id', detail: 'An 18-character org id is required.' });
        }
        if (!isSalesforceId(header('x-salesforce-user-id') ?? '')) {
            findings.push({ pointer: 'header:X-Salesforce-User-Id', detail: 'A Salesforce user id is required.' });
        }
        if (!isUuid(header('x-correlation-id'))) {
            findings.push({ pointer: 'header:X-Correlation-Id', detail: 'A UUID is required.' });
        }
        if (route.mutation && !isUuid(header('idempotency-key'))) {
            findings.push({ pointer: 'header:Idempotency-Key', detail: 'A UUID is required.' });
        }
        return findings;
    }

    async function handle(request: BackendRequest): Promise<BackendResponse> {
        if (options.scenario === 'down') {
            throw new CalloutError('Connection refused: connect');
        }
        if (options.scenario === 'slow') {
            await sleep(SLOW_MS);
        }
        const lowerHeaders = new Map(
            Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])
        );
        const header = (name: string) => lowerHeaders.get(name);
        const sentCorrelationId = header('x-correlation-id');
        // Echoed in every answer; a request without a usable one still gets a UUID to quote.
        const correlationId = isUuid(sentCorrelationId) ? sentCorrelationId : randomUuid();
        const at = now();
        const [path, search = ''] = request.path.split('?', 2);
        const route = ROUTES.find((candidate) => candidate.method === request.method && candidate.pattern.test(path));
        try {
            if (!route) {
                throw new Problem('NOT_FOUND', `There is no ${request.method} ${request.path}.`);
            }
            if (options.scenario === 'unauthorized' || !/^Bearer \S+$/.test(header('authorization') ?? '')) {
                throw unauthenticated();
            }
            const limit = rateLimited(at);
            if (limit) {
                throw limit;
            }
            const fault = route.operation === 'retrySyncErrors' ? retryFaults.shift() : undefined;
            if (fault) {
                throw fault;
            }
            const findings = headerFindings(header, route);
            if (findings.length > 0) {
                throw invalid(findings);
            }
            const key = route.mutation ? header('idempotency-key') : undefined;
            const fingerprint = `${request.method} ${request.path} ${request.body ?? ''}`;
            const replay = key ? await replays.get(key) : undefined;
            if (replay && at - replay.storedAt < IDEMPOTENCY_TTL_MS) {
                if (replay.fingerprint !== fingerprint) {
                    throw new Problem(
                        'IDEMPOTENCY_KEY_REUSED',
                        `Idempotency-Key ${key} was used with a different body.`
                    );
                }
                return replay.response;
            }
            let body: unknown;
            if (request.body !== undefined && request.body !== '') {
                try {
                    body = JSON.parse(request.body);
                } catch {
                    throw invalid([{ pointer: '', detail: 'The body is not valid JSON.' }]);
                }
            }
            const context: OperationContext = {
                tenant,
                scenario: options.scenario,
                orgId: header('x-salesforce-org-id') as string,
                now: at,
                body,
                pathParams: { ...route.pattern.exec(path)?.groups },
                publicUrl: options.publicUrl === undefined ? BACKEND_URL : options.publicUrl,
                backendVersion: options.backendVersion ?? operations.BACKEND_VERSION,
                query: new URLSearchParams(search),
                header,
                change: {
                    tenant,
                    now: at,
                    available: (type) => availableSeats(type),
                    takeConflict: () => {
                        const take = conflictArmed;
                        conflictArmed = false;
                        return take;
                    }
                }
            };
            let response: BackendResponse;
            try {
                const result: OperationResult = operations[route.operation](context);
                response = respond(result.status, correlationId, result.body, result.headers);
            } catch (failure) {
                if (!(failure instanceof Problem)) {
                    throw failure;
                }
                response = respond(failure.status, correlationId, failure.toBody(correlationId), failure.headers);
            }
            if (route.mutation) {
                // Failed changes may have changed something too (a conflict moves the version on), so always save.
                tenant.save();
                if (key) {
                    await replays.set(key, { fingerprint, response, storedAt: at });
                }
            }
            return response;
        } catch (failure) {
            if (failure instanceof Problem) {
                return respond(failure.status, correlationId, failure.toBody(correlationId), failure.headers);
            }
            console.error('CRM Sync preview backend: unexpected failure', failure);
            const internal = new Problem('INTERNAL', 'An unexpected error occurred.');
            return respond(internal.status, correlationId, internal.toBody(correlationId));
        }
    }

    function availableSeats(licenseType: string): number {
        const pool = operations.poolViews(tenant, options.scenario).find((p) => p.licenseType === licenseType);
        return pool?.available ?? 0;
    }

    function authorize(requestToken: string): AuthorizeOutcome {
        tenant.load();
        const expiresAt = tenant.authorizations[requestToken];
        if (expiresAt === undefined) {
            return tenant.authorized ? 'authorized' : 'unknown';
        }
        delete tenant.authorizations[requestToken];
        if (expiresAt < now()) {
            tenant.save();
            return 'expired';
        }
        tenant.authorized = true;
        tenant.save();
        return 'authorized';
    }

    return { handle, authorize, reload: () => tenant.load() };
}
