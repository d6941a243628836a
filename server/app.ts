// The reference backend's HTTP server: Fastify in front of the simulated backend (preview/backend), one tenant per
// org in the database. Each request: the API key (401), the key's org against X-Salesforce-Org-Id (403), scheduled
// maintenance (503), then one transaction that locks the org's tenant, runs the simulated backend's pipeline
// (headers, rate limit per key, Idempotency-Key replay from the database, the operation) and writes back what
// changed. Bodies must be JSON within BODY_LIMIT bytes; anything else is a 400 problem. The request log (a JSON line
// per request, and request_log in the database) carries method, route, status and correlation id, never the key, a
// body, a query, a user id or an email.
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createBackend } from '../preview/backend/backend';
import { BACKEND_VERSION } from '../preview/backend/operations';
import type { BackendResponse, Replay, ReplayStore, SyncBackend } from '../preview/backend/backend';
import { Problem, inMaintenance, invalid, isUuid, randomUuid, unauthenticated } from '../preview/backend/http';
import { memoryStorage, readJson } from '../preview/persist';
import { registerAuthorizePage } from './authorize-page';
import type { Database, Queryable } from './db';
import { ORG_ID, verifyKey } from './keys';
import { maintenanceSecondsLeft } from './operator';
import { loadTenant, lockTenant, saveTenant } from './tenant-store';
import type { LoadedTenant, TenantSnapshot } from './tenant-store';

/** The largest body: a batch of 200 users is about 40 KB. */
export const BODY_LIMIT = 256 * 1024;
const STORAGE_KEY = 'tenant';
/** How many changed users a kept tenant may carry before it is loaded again as a new baseline. */
const REBASE_AFTER = 2000;

interface KeptTenant extends LoadedTenant {
    revision: string;
}
/** getHealth's backendVersion: which backend answered, for support reading an org's Check setup. */
export const REFERENCE_VERSION = `${BACKEND_VERSION.replace(/-preview$/, '')}-reference`;

export interface ServerOptions {
    db: Database;
    /** Writes one JSON line per request (method, route, status, correlation id, duration); none when absent. */
    log?: (line: string) => void;
    now?: () => number;
    /** Requests per API key in 60 seconds; the contract's 600 unless given (tests lower it). */
    rateLimit?: number;
    /** The https address admins reach this backend at (PUBLIC_URL): its authorization page is served there. */
    publicUrl?: string;
}

function problemReply(reply: FastifyReply, problem: Problem, correlationId: string): FastifyReply {
    return reply
        .status(problem.status)
        .headers({ 'Content-Type': 'application/problem+json', 'X-Correlation-Id': correlationId, ...problem.headers })
        .send(Buffer.from(JSON.stringify(problem.toBody(correlationId))));
}

/**
 * The route a request took, for the logs: the path without its query (filters may name a user) and with a user's id
 * replaced by the path parameter's name, so the logs hold no identifier of a person.
 */
export function routeOf(url: string): string {
    return url.split('?')[0].replace(/^\/v1\/users\/(?!lookup$|batch$)[^/]+$/, '/v1/users/{salesforceUserId}');
}

function correlationIdOf(request: FastifyRequest): string {
    const sent = request.headers['x-correlation-id'];
    return typeof sent === 'string' && isUuid(sent) ? sent : randomUuid();
}

/** Idempotency records of one org in the request's transaction. */
function databaseReplays(tx: Queryable, orgId: string): ReplayStore {
    return {
        async get(key) {
            const [row] = await tx.query<{
                fingerprint: string;
                status: number;
                headers: Record<string, string>;
                body: string;
                stored_at: Date | string;
            }>(
                'SELECT fingerprint, status, headers, body, stored_at FROM idempotency_keys ' +
                    'WHERE org_id = $1 AND idempotency_key = $2',
                [orgId, key]
            );
            return row
                ? {
                      fingerprint: row.fingerprint,
                      response: { status: row.status, headers: row.headers, body: row.body },
                      storedAt: new Date(row.stored_at).getTime()
                  }
                : undefined;
        },
        async set(key, replay: Replay) {
            await tx.query(
                'INSERT INTO idempotency_keys (org_id, idempotency_key, fingerprint, status, headers, body, stored_at) ' +
                    'VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (org_id, idempotency_key) DO UPDATE SET ' +
                    'fingerprint = EXCLUDED.fingerprint, status = EXCLUDED.status, headers = EXCLUDED.headers, ' +
                    'body = EXCLUDED.body, stored_at = EXCLUDED.stored_at',
                [
                    orgId,
                    key,
                    replay.fingerprint,
                    replay.response.status,
                    JSON.stringify(replay.response.headers),
                    replay.response.body,
                    new Date(replay.storedAt).toISOString()
                ]
            );
        }
    };
}

export function buildServer(options: ServerOptions): FastifyInstance {
    const { db } = options;
    const now = options.now ?? Date.now;
    const log = options.log ?? (() => undefined);
    // Fastify's own logger would print URLs and headers; the request log below names only what support needs.
    const app = Fastify({ bodyLimit: BODY_LIMIT, logger: false });
    /** The rate limit's window per API key, shared by the key's requests in this process. */
    const windows = new Map<string, number[]>();

    /** The tenants this process loaded, each with the revision it had; reused while the database has that revision. */
    const kept = new Map<string, KeptTenant>();

    /**
     * Runs `work` on the org's tenant in one transaction: the tenant row locked, its rows loaded into the simulated
     * backend (or the kept ones, when nothing changed them since), and what changed written back when `keep` accepts
     * the result. What this process keeps is updated only once the transaction has committed.
     */
    async function onTenant<T>(
        tenantOrgId: string,
        recentRequests: number[],
        work: (backend: SyncBackend) => Promise<T> | T,
        keep: (result: T) => boolean
    ): Promise<T> {
        let next: KeptTenant | undefined;
        const result = await db.transaction(async (tx) => {
            const revision = await lockTenant(tx, tenantOrgId);
            const known = kept.get(tenantOrgId);
            const loaded = known?.revision === revision ? known : { revision, ...(await loadTenant(tx, tenantOrgId)) };
            const storage = memoryStorage();
            storage.setItem(STORAGE_KEY, JSON.stringify(loaded.snapshot));
            const backend = createBackend({
                userCount: 0,
                seed: 1,
                tenant: 'unlinked',
                scenario: 'normal',
                storage,
                storageKey: STORAGE_KEY,
                now,
                world: loaded.world,
                replays: databaseReplays(tx, tenantOrgId),
                recentRequests,
                rateLimit: options.rateLimit,
                publicUrl: options.publicUrl ?? null,
                backendVersion: REFERENCE_VERSION
            });
            const answer = await work(backend);
            const after = readJson<TenantSnapshot>(storage, STORAGE_KEY);
            if (after && keep(answer)) {
                const saved = await saveTenant(tx, tenantOrgId, loaded.snapshot, after);
                next = { revision: saved, world: loaded.world, snapshot: after };
            } else {
                next = loaded;
            }
            return answer;
        });
        // Changes pile up on the loaded baseline; past REBASE_AFTER users, the next request loads the tenant afresh.
        if (next && Object.keys(next.snapshot.changedStates).length <= REBASE_AFTER) {
            kept.set(tenantOrgId, next);
        }
        return result;
    }

    registerAuthorizePage(app, {
        findTenant: async (token) =>
            (await db.query<{ org_id: string }>('SELECT org_id FROM tenants WHERE authorizations ? $1', [token]))[0]
                ?.org_id,
        authorize: (tenantOrgId, token) =>
            onTenant(
                tenantOrgId,
                [],
                (backend) => backend.authorize(token),
                () => true
            )
    });

    app.removeAllContentTypeParsers();
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
        const correlationId = correlationIdOf(request);
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
            return problemReply(
                reply,
                invalid([{ pointer: '', detail: `The body is larger than ${BODY_LIMIT} bytes.` }]),
                correlationId
            );
        }
        if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
            return problemReply(
                reply,
                invalid([{ pointer: 'header:Content-Type', detail: 'The body must be application/json.' }]),
                correlationId
            );
        }
        log(JSON.stringify({ level: 'error', correlationId, error: error.message }));
        return problemReply(reply, new Problem('INTERNAL', 'An unexpected error occurred.'), correlationId);
    });

    app.setNotFoundHandler((request, reply) =>
        problemReply(
            reply,
            new Problem('NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]}.`),
            correlationIdOf(request)
        )
    );

    app.route({
        method: ['GET', 'POST', 'PUT', 'PATCH'],
        url: '/v1/*',
        async handler(request, reply) {
            const started = now();
            const correlationId = correlationIdOf(request);
            const owner = await verifyKey(db, request.headers.authorization);
            let response: BackendResponse | undefined;
            let problem: Problem | undefined;
            // Keyless callers learn nothing, maintenance included.
            const maintenance = owner ? await maintenanceSecondsLeft(db, now()) : 0;
            const orgId = request.headers['x-salesforce-org-id'];
            if (!owner) {
                problem = unauthenticated();
            } else if (typeof orgId === 'string' && ORG_ID.test(orgId) && orgId !== owner.orgId) {
                problem = new Problem('FORBIDDEN', `This API key belongs to org ${owner.orgId}, not ${orgId}.`);
            } else if (maintenance > 0) {
                problem = inMaintenance(maintenance);
            } else {
                const window = windows.get(owner.keyId) ?? [];
                windows.set(owner.keyId, window);
                response = await onTenant(
                    owner.tenantOrgId,
                    window,
                    (backend) =>
                        backend.handle({
                            method: request.method,
                            path: request.url,
                            headers: Object.fromEntries(
                                Object.entries(request.headers).filter(
                                    (entry): entry is [string, string] => typeof entry[1] === 'string'
                                )
                            ),
                            body: typeof request.body === 'string' ? request.body : undefined
                        }),
                    // A failure of the backend itself keeps nothing of what it did.
                    (answer) => answer.status < 500
                );
            }
            const status = problem?.status ?? response?.status ?? 500;
            const route = routeOf(request.url);
            await db.query(
                'INSERT INTO request_log (org_id, key_id, method, route, status, correlation_id, duration_ms) ' +
                    'VALUES ($1, $2, $3, $4, $5, $6, $7)',
                [
                    owner?.orgId ?? null,
                    owner?.keyId ?? null,
                    request.method,
                    route,
                    status,
                    correlationId,
                    Math.round(now() - started)
                ]
            );
            log(
                JSON.stringify({
                    at: new Date(started).toISOString(),
                    method: request.method,
                    route,
                    status,
                    correlationId,
                    ms: Math.round(now() - started)
                })
            );
            if (problem) {
                return problemReply(reply, problem, correlationId);
            }
            const answer = response as BackendResponse;
            // A Buffer, so Fastify sends the Content-Type as the contract gives it, without adding a charset.
            return reply.status(answer.status).headers(answer.headers).send(Buffer.from(answer.body));
        }
    });
    return app;
}
