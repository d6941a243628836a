// The fifteen operations of api/crm-sync-backend.openapi.yaml. Each gets the parsed, header-checked request and
// returns a status and a JSON body, or throws a Problem. Request bodies are checked against the contract's closed
// schemas by hand (the browser bundle does not carry Ajv); the tests check every answer against the contract.
import type { Scenario } from '../params';
import type { ProblemExtras } from './http';
import {
    LICENSE_TYPE,
    Problem,
    invalid,
    isEmail,
    isHttpsUrl,
    isObject,
    randomUuid,
    unknownProperties,
    VERSION_TAG
} from './http';
import type { InvalidParam } from './http';
import { isSalesforceId } from '../seed/salesforce-id';
import type { TenantData, UserSyncState } from './tenant';
import { KEPT_CATEGORIES, PURGED_CATEGORIES } from './tenant';
import { applyUserChange } from './users';
import { SYNC_ERROR_CAUSES, afterCursor, cursorAfter, findErrors, retryError, summarize } from './sync-errors';
import type { SyncErrorCause, SyncErrorFilter } from './sync-errors';
import type { ChangeContext, ChangeOutcome, UserChangeInput } from './users';

export interface OperationContext {
    tenant: TenantData;
    scenario: Scenario;
    /** X-Salesforce-Org-Id of the request. */
    orgId: string;
    now: number;
    body: unknown;
    /** Path parameters and headers an operation needs beyond the audit headers (lower-case names). */
    pathParams: Record<string, string>;
    header: (name: string) => string | undefined;
    /** The query string's parameters. */
    query: URLSearchParams;
    change: ChangeContext;
    /** The https address the backend's authorization page is served from; null when the backend has none. */
    publicUrl: string | null;
    /** What getHealth reports as backendVersion. */
    backendVersion: string;
}

export interface OperationResult {
    status: number;
    body: unknown;
    headers?: Record<string, string>;
}

export const BACKEND_VERSION = '2026.11.3-preview';
/** The contract's info.version this simulation implements. */
export const CONTRACT_VERSION = '1.3.0';
/** The `key-expiring` scenario's API key stops working five days (and an hour) from now. */
const KEY_EXPIRING_IN_MS = (5 * 24 + 1) * 60 * 60 * 1000;
const AUTHORIZATION_TTL_MS = 15 * 60 * 1000;
const BATCH_LIMIT = 200;

// --- guards shared by several operations ---------------------------------------------------------------------

/** Data operations answer 409 when no org is linked, or another one is (contract: ORG_MISMATCH). */
function requireLinkedHere(context: OperationContext): void {
    const linked = context.tenant.connection.linkedOrgId;
    if (!linked) {
        throw new Problem('NOT_LINKED', 'No Salesforce org is linked to this tenant.');
    }
    requireNoMismatch(context);
}

function requireNoMismatch(context: OperationContext): void {
    const linked = context.tenant.connection.linkedOrgId;
    if (linked && linked !== context.orgId) {
        throw new Problem('ORG_MISMATCH', `This tenant is linked to org ${linked}, not ${context.orgId}.`);
    }
}

function requireBody(context: OperationContext): Record<string, unknown> {
    if (!isObject(context.body)) {
        throw invalid([{ pointer: '', detail: 'The body must be a JSON object.' }]);
    }
    return context.body;
}

function requireBoolean(body: Record<string, unknown>, field: string, errors: InvalidParam[], at = ''): void {
    if (typeof body[field] !== 'boolean') {
        errors.push({ pointer: `${at}/${field}`, detail: `${field} must be true or false.` });
    }
}

function throwIfInvalid(errors: InvalidParam[]): void {
    if (errors.length > 0) {
        throw invalid(errors);
    }
}

/** `If-Match: "7"` as 7; `*` when allowed. */
function ifMatch(context: OperationContext, allowAny: boolean): number | '*' {
    const value = context.header('if-match');
    if (allowAny && value === '*') {
        return '*';
    }
    const match = value === undefined ? null : VERSION_TAG.exec(value);
    if (!match) {
        throw invalid([{ pointer: 'header:If-Match', detail: 'If-Match must be a version such as "7".' }]);
    }
    return Number(match[1]);
}

function etag(version: number): Record<string, string> {
    return { ETag: `"${version}"` };
}

// --- views ---------------------------------------------------------------------------------------------------

function connectionView(context: OperationContext): Record<string, unknown> {
    const { connection } = context.tenant;
    const connected = connection.linkedOrgId !== null;
    const slow = context.scenario === 'slow';
    let health = 'unknown';
    let healthDetail: string | null = connected ? 'Waiting for the first sync.' : null;
    if (connected && connection.lastSyncAt) {
        health = slow ? 'degraded' : 'healthy';
        healthDetail = slow ? 'Sync is slower than usual: the CRM answers in about 2 seconds.' : null;
    }
    const pause = connected ? (connection.pause ?? null) : null;
    return {
        connected,
        linkedOrgId: connection.linkedOrgId,
        linkedBy: connection.linkedBy,
        linkedAt: connection.linkedAt,
        lastSyncAt: connection.lastSyncAt,
        health,
        healthDetail,
        paused: pause !== null,
        pause
    };
}

/** The contract's LinkedBy: the user id and name of the acting admin. */
function isLinkedBy(value: unknown): value is { userId: string; name: string } {
    return (
        isObject(value) &&
        typeof value.userId === 'string' &&
        isSalesforceId(value.userId) &&
        typeof value.name === 'string' &&
        value.name.length >= 1 &&
        value.name.length <= 121
    );
}

function counts(categories: string[], values: Record<string, number>) {
    return categories.map((category) => ({ category, count: values[category] ?? 0 }));
}

/** What a purge deletes and keeps, with the current counts; without a purge nothing is deleted. */
function purgeSummary(tenant: TenantData, purge: boolean) {
    const values = tenant.categoryCounts();
    return purge
        ? { willDelete: counts(PURGED_CATEGORIES, values), willKeep: counts(KEPT_CATEGORIES, values) }
        : { willDelete: [], willKeep: counts([...PURGED_CATEGORIES, ...KEPT_CATEGORIES], values) };
}

// --- operations ----------------------------------------------------------------------------------------------

export function getHealth(context: OperationContext): OperationResult {
    const status = context.scenario === 'slow' ? 'degraded' : 'ok';
    const apiKeyExpiresAt =
        context.scenario === 'key-expiring' ? new Date(context.now + KEY_EXPIRING_IN_MS).toISOString() : null;
    return {
        status: 200,
        body: {
            status,
            backendVersion: context.backendVersion,
            checkedAt: new Date(context.now).toISOString(),
            contractVersion: CONTRACT_VERSION,
            apiKeyExpiresAt
        }
    };
}

export function getConnection(context: OperationContext): OperationResult {
    return { status: 200, body: connectionView(context) };
}

export function linkOrg(context: OperationContext): OperationResult {
    const body = requireBody(context);
    const errors = unknownProperties(body, ['purgeImportedData', 'instanceUrl', 'linkedBy']);
    requireBoolean(body, 'purgeImportedData', errors);
    if (!isHttpsUrl(body.instanceUrl)) {
        errors.push({ pointer: '/instanceUrl', detail: 'instanceUrl must be the https URL of the org.' });
    }
    if (!isLinkedBy(body.linkedBy)) {
        errors.push({ pointer: '/linkedBy', detail: 'linkedBy needs the userId and name of the admin.' });
    }
    throwIfInvalid(errors);

    const { tenant } = context;
    const linked = tenant.connection.linkedOrgId;
    if (linked && linked !== context.orgId) {
        throw new Problem('ORG_ALREADY_LINKED', `Org ${linked} is linked to this tenant; unlink it first.`);
    }
    if (!tenant.authorized) {
        if (context.publicUrl === null) {
            throw new Problem('INTERNAL', 'The backend has no public https address for its authorization page.');
        }
        const token = randomUuid().replace(/-/g, '').slice(0, 12);
        const expiresAt = context.now + AUTHORIZATION_TTL_MS;
        tenant.authorizations[token] = expiresAt;
        return {
            status: 202,
            body: {
                authorizationUrl: `${context.publicUrl}/authorize?request=${token}`,
                expiresAt: new Date(expiresAt).toISOString()
            }
        };
    }
    if (body.purgeImportedData === true) {
        tenant.purgeImportedData();
    }
    if (linked !== context.orgId) {
        const admin = body.linkedBy as { userId: string; name: string };
        tenant.connection = {
            ...tenant.connection,
            linkedOrgId: context.orgId,
            linkedBy: { userId: admin.userId, name: admin.name },
            linkedAt: new Date(context.now).toISOString()
        };
    }
    return { status: 200, body: connectionView(context) };
}

export function unlinkOrg(context: OperationContext): OperationResult {
    const body = requireBody(context);
    const errors = unknownProperties(body, ['purgeImportedData']);
    requireBoolean(body, 'purgeImportedData', errors);
    throwIfInvalid(errors);
    requireLinkedHere(context);
    const { tenant } = context;
    let purged = null;
    if (body.purgeImportedData === true) {
        const before = purgeSummary(tenant, true);
        tenant.purgeImportedData();
        purged = before;
    }
    tenant.connection = { ...tenant.connection, linkedOrgId: null, linkedBy: null, linkedAt: null, pause: null };
    return { status: 200, body: { connection: connectionView(context), purged } };
}

/** Stops syncing, keeping the link, users and licenses; pausing again replaces the reason, who and when. */
export function pauseSync(context: OperationContext): OperationResult {
    const body = requireBody(context);
    const errors = unknownProperties(body, ['reason', 'pausedBy']);
    const reason = body.reason;
    if (typeof reason !== 'string' || reason.length > 255 || !/\S/.test(reason)) {
        errors.push({ pointer: '/reason', detail: 'reason must say why, in 1 to 255 characters.' });
    }
    if (!isLinkedBy(body.pausedBy)) {
        errors.push({ pointer: '/pausedBy', detail: 'pausedBy needs the userId and name of the admin.' });
    }
    throwIfInvalid(errors);
    requireLinkedHere(context);
    const pausedBy = body.pausedBy as { userId: string; name: string };
    context.tenant.connection = {
        ...context.tenant.connection,
        pause: {
            reason: reason as string,
            pausedBy: { userId: pausedBy.userId, name: pausedBy.name },
            pausedAt: new Date(context.now).toISOString()
        }
    };
    return { status: 200, body: connectionView(context) };
}

/** Syncs again; resuming an org that is not paused changes nothing. */
export function resumeSync(context: OperationContext): OperationResult {
    const body = requireBody(context);
    const errors = unknownProperties(body, ['resumedBy']);
    if (!isLinkedBy(body.resumedBy)) {
        errors.push({ pointer: '/resumedBy', detail: 'resumedBy needs the userId and name of the admin.' });
    }
    throwIfInvalid(errors);
    requireLinkedHere(context);
    context.tenant.connection = { ...context.tenant.connection, pause: null };
    return { status: 200, body: connectionView(context) };
}

export function previewConnectionChange(context: OperationContext): OperationResult {
    const body = requireBody(context);
    const errors = unknownProperties(body, ['operation', 'purgeImportedData']);
    if (body.operation !== 'link' && body.operation !== 'unlink') {
        errors.push({ pointer: '/operation', detail: 'operation must be link or unlink.' });
    }
    requireBoolean(body, 'purgeImportedData', errors);
    throwIfInvalid(errors);
    const linked = context.tenant.connection.linkedOrgId;
    if (body.operation === 'link' && linked && linked !== context.orgId) {
        throw new Problem('ORG_ALREADY_LINKED', `Org ${linked} is linked to this tenant; unlink it first.`);
    }
    if (body.operation === 'unlink') {
        requireLinkedHere(context);
    }
    return { status: 200, body: purgeSummary(context.tenant, body.purgeImportedData === true) };
}

/** The seat pools with the seats taken now; `seats-exhausted` shrinks every total to what is taken. */
export function poolViews(tenant: TenantData, scenario: Scenario) {
    const assigned = tenant.assignedSeats();
    return tenant.pools.map((pool) => {
        const taken = assigned.get(pool.licenseType) ?? 0;
        const total = scenario === 'seats-exhausted' ? taken : Math.max(pool.total, taken);
        return { ...pool, total, assigned: taken, available: total - taken };
    });
}

export function listLicensePools(context: OperationContext): OperationResult {
    requireNoMismatch(context);
    return { status: 200, body: { pools: poolViews(context.tenant, context.scenario) } };
}

export function lookupUsers(context: OperationContext): OperationResult {
    const body = requireBody(context);
    const errors = unknownProperties(body, ['salesforceUserIds']);
    const ids = body.salesforceUserIds;
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > BATCH_LIMIT) {
        errors.push({ pointer: '/salesforceUserIds', detail: `Send 1 to ${BATCH_LIMIT} user ids.` });
    } else {
        ids.forEach((id, index) => {
            if (typeof id !== 'string' || !isSalesforceId(id)) {
                errors.push({ pointer: `/salesforceUserIds/${index}`, detail: 'Not a Salesforce id.' });
            } else if (ids.indexOf(id) !== index) {
                errors.push({ pointer: `/salesforceUserIds/${index}`, detail: 'Each user may appear once.' });
            }
        });
    }
    throwIfInvalid(errors);
    requireLinkedHere(context);
    const users = (ids as string[])
        .map((id) => context.tenant.stateOf(id, context.now))
        .filter((state): state is UserSyncState => state !== undefined);
    return { status: 200, body: { users } };
}

/** A UserChange (PATCH body) or UserBatchChange (batch item); its findings point into the request at `at`. */
function readChange(
    value: unknown,
    at: string,
    batchItem: boolean,
    errors: InvalidParam[]
): UserChangeInput | undefined {
    if (!isObject(value)) {
        errors.push({ pointer: at, detail: 'Each change must be a JSON object.' });
        return undefined;
    }
    const allowed = [
        'email',
        'syncEnabled',
        'licenseType',
        ...(batchItem ? ['salesforceUserId', 'expectedVersion'] : [])
    ];
    const before = errors.length;
    errors.push(...unknownProperties(value, allowed, at));
    if (!isEmail(value.email)) {
        errors.push({ pointer: `${at}/email`, detail: 'email must be an email address.' });
    }
    if ('syncEnabled' in value && typeof value.syncEnabled !== 'boolean') {
        errors.push({ pointer: `${at}/syncEnabled`, detail: 'syncEnabled must be true or false.' });
    }
    if (
        'licenseType' in value &&
        value.licenseType !== null &&
        !(typeof value.licenseType === 'string' && LICENSE_TYPE.test(value.licenseType))
    ) {
        errors.push({ pointer: `${at}/licenseType`, detail: 'licenseType must be a license type code or null.' });
    }
    if (!('syncEnabled' in value) && !('licenseType' in value)) {
        // The field a client most likely forgot: a change that only restates the email enables nothing.
        errors.push({ pointer: `${at}/syncEnabled`, detail: 'A change needs syncEnabled, licenseType or both.' });
    }
    if (batchItem) {
        if (typeof value.salesforceUserId !== 'string' || !isSalesforceId(value.salesforceUserId)) {
            errors.push({ pointer: `${at}/salesforceUserId`, detail: 'Not a Salesforce id.' });
        }
        const version = value.expectedVersion;
        if ('expectedVersion' in value && !(Number.isInteger(version) && (version as number) >= 1)) {
            errors.push({ pointer: `${at}/expectedVersion`, detail: 'expectedVersion must be a version number.' });
        }
    }
    if (errors.length > before) {
        return undefined;
    }
    const change: UserChangeInput = { email: value.email as string };
    if ('syncEnabled' in value) {
        change.syncEnabled = value.syncEnabled as boolean;
    }
    if ('licenseType' in value) {
        change.licenseType = value.licenseType as string | null;
    }
    return change;
}

function problemFor(outcome: ChangeOutcome, userId: string, email: string): Problem | undefined {
    switch (outcome.kind) {
        case 'conflict': {
            const extras: ProblemExtras = { currentVersion: outcome.currentVersion ?? 1 };
            return new Problem('VERSION_CONFLICT', `User ${userId} is at version ${outcome.currentVersion}.`, extras);
        }
        case 'not_found':
            return new Problem('NOT_FOUND', `The backend knows no user ${userId}.`);
        case 'seats_exhausted':
            return new Problem('SEATS_EXHAUSTED', `All ${outcome.licenseType} seats are assigned.`, {
                licenseType: outcome.licenseType
            });
        case 'not_matched':
            return new Problem('USER_NOT_MATCHED', `No backend account has the e-mail ${email}.`);
        case 'invalid':
            return invalid([{ pointer: '/licenseType', detail: outcome.detail }]);
        default:
            return undefined;
    }
}

export function updateUser(context: OperationContext): OperationResult {
    const userId = context.pathParams.salesforceUserId;
    const errors: InvalidParam[] = [];
    if (!isSalesforceId(userId)) {
        errors.push({ pointer: 'path:salesforceUserId', detail: 'Not a Salesforce id.' });
    }
    const expected = ifMatch(context, true);
    const change = readChange(context.body, '', false, errors);
    throwIfInvalid(errors);
    requireLinkedHere(context);
    const outcome = applyUserChange(context.change, userId, change as UserChangeInput, expected);
    const problem = problemFor(outcome, userId, (change as UserChangeInput).email);
    if (problem) {
        throw problem;
    }
    const state = (outcome as { state: UserSyncState }).state;
    return { status: 200, body: state, headers: etag(state.version) };
}

const BATCH_OUTCOMES: Record<ChangeOutcome['kind'], { outcome: string; code?: string }> = {
    updated: { outcome: 'updated' },
    unchanged: { outcome: 'unchanged' },
    conflict: { outcome: 'conflict', code: 'VERSION_CONFLICT' },
    not_found: { outcome: 'conflict', code: 'VERSION_CONFLICT' },
    seats_exhausted: { outcome: 'seats_exhausted', code: 'SEATS_EXHAUSTED' },
    not_matched: { outcome: 'not_matched', code: 'USER_NOT_MATCHED' },
    invalid: { outcome: 'invalid', code: 'INVALID_REQUEST' }
};

export function updateUsers(context: OperationContext): OperationResult {
    const body = requireBody(context);
    const errors = unknownProperties(body, ['changes']);
    const items = body.changes;
    const changes: { userId: string; change: UserChangeInput; expected: number | '*' }[] = [];
    if (!Array.isArray(items) || items.length < 1 || items.length > BATCH_LIMIT) {
        errors.push({ pointer: '/changes', detail: `Send 1 to ${BATCH_LIMIT} changes.` });
    } else {
        const seen = new Set<string>();
        items.forEach((item, index) => {
            const change = readChange(item, `/changes/${index}`, true, errors);
            if (!change) {
                return;
            }
            const { salesforceUserId, expectedVersion } = item as {
                salesforceUserId: string;
                expectedVersion?: number;
            };
            if (seen.has(salesforceUserId)) {
                errors.push({ pointer: `/changes/${index}/salesforceUserId`, detail: 'Each user may appear once.' });
            }
            seen.add(salesforceUserId);
            changes.push({ userId: salesforceUserId, change, expected: expectedVersion ?? '*' });
        });
    }
    throwIfInvalid(errors);
    requireLinkedHere(context);
    const results = changes.map(({ userId, change, expected }) => {
        const outcome = applyUserChange(context.change, userId, change, expected);
        const { outcome: name, code } = BATCH_OUTCOMES[outcome.kind];
        const state =
            'state' in outcome ? (outcome.state ?? null) : (context.tenant.stateOf(userId, context.now) ?? null);
        const problem = problemFor(outcome, userId, change.email);
        return {
            salesforceUserId: userId,
            outcome: name,
            state,
            error: code && problem ? { code, detail: problem.detail } : null
        };
    });
    return { status: 200, body: { results } };
}

export function getAutofillSettings(context: OperationContext): OperationResult {
    requireNoMismatch(context);
    const { autofill } = context.tenant;
    return { status: 200, body: { ...autofill }, headers: etag(autofill.version) };
}

export function updateAutofillSettings(context: OperationContext): OperationResult {
    const expected = ifMatch(context, false);
    const body = requireBody(context);
    const errors = unknownProperties(body, ['leads', 'accounts']);
    requireBoolean(body, 'leads', errors);
    requireBoolean(body, 'accounts', errors);
    throwIfInvalid(errors);
    requireNoMismatch(context);
    const { tenant } = context;
    if (tenant.autofill.version !== expected) {
        throw new Problem('VERSION_CONFLICT', `The settings are at version ${tenant.autofill.version}.`, {
            currentVersion: tenant.autofill.version
        });
    }
    tenant.autofill = { leads: body.leads as boolean, accounts: body.accounts as boolean, version: expected + 1 };
    return { status: 200, body: { ...tenant.autofill }, headers: etag(tenant.autofill.version) };
}

const SYNC_ERROR_QUERY = ['cursor', 'limit', 'salesforceUserId', 'cause', 'since', 'until'];
const DEFAULT_ERROR_PAGE = 50;

/** The filters of listSyncErrors; each malformed parameter is one finding. */
function readErrorFilter(query: URLSearchParams, errors: InvalidParam[]): SyncErrorFilter {
    const filter: SyncErrorFilter = {};
    for (const name of query.keys()) {
        if (!SYNC_ERROR_QUERY.includes(name)) {
            errors.push({ pointer: `query:${name}`, detail: 'Not a parameter of this operation.' });
        }
    }
    const userId = query.get('salesforceUserId');
    if (userId !== null) {
        if (isSalesforceId(userId)) {
            filter.salesforceUserId = userId;
        } else {
            errors.push({ pointer: 'query:salesforceUserId', detail: 'Not a Salesforce id.' });
        }
    }
    const cause = query.get('cause');
    if (cause !== null) {
        if ((SYNC_ERROR_CAUSES as readonly string[]).includes(cause)) {
            filter.cause = cause as SyncErrorCause;
        } else {
            errors.push({ pointer: 'query:cause', detail: `One of ${SYNC_ERROR_CAUSES.join(', ')}.` });
        }
    }
    for (const bound of ['since', 'until'] as const) {
        const value = query.get(bound);
        if (value !== null) {
            const at = Date.parse(value);
            if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
                errors.push({ pointer: `query:${bound}`, detail: 'An RFC 3339 date-time.' });
            } else {
                filter[bound] = at;
            }
        }
    }
    return filter;
}

export function listSyncErrors(context: OperationContext): OperationResult {
    const errors: InvalidParam[] = [];
    const filter = readErrorFilter(context.query, errors);
    const limitText = context.query.get('limit');
    const limit = limitText === null ? DEFAULT_ERROR_PAGE : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > BATCH_LIMIT || !/^\d+$/.test(limitText ?? '50')) {
        errors.push({ pointer: 'query:limit', detail: `An integer from 1 to ${BATCH_LIMIT}.` });
    }
    throwIfInvalid(errors);
    requireLinkedHere(context);
    const matching = findErrors(context.tenant, filter, context.now);
    const cursor = context.query.get('cursor');
    const rest = cursor === null ? matching : afterCursor(matching, cursor);
    if (!rest) {
        throw invalid([{ pointer: 'query:cursor', detail: 'Not a cursor of this list.' }]);
    }
    const page = rest.slice(0, limit);
    return {
        status: 200,
        body: {
            errors: page,
            nextCursor: rest.length > limit ? cursorAfter(page[page.length - 1]) : null,
            summary: summarize(matching)
        }
    };
}

export function retrySyncErrors(context: OperationContext): OperationResult {
    const body = requireBody(context);
    const errors = unknownProperties(body, ['errorIds']);
    const ids = body.errorIds;
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > BATCH_LIMIT) {
        errors.push({ pointer: '/errorIds', detail: `Send 1 to ${BATCH_LIMIT} error ids.` });
    } else {
        ids.forEach((id, index) => {
            if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
                errors.push({ pointer: `/errorIds/${index}`, detail: 'Not a sync error id.' });
            } else if (ids.indexOf(id) !== index) {
                errors.push({ pointer: `/errorIds/${index}`, detail: 'Each error may appear once.' });
            }
        });
    }
    throwIfInvalid(errors);
    requireLinkedHere(context);
    const results = (ids as string[]).map((id) => retryError(context.tenant, id, context.now));
    return { status: 200, body: { results } };
}
