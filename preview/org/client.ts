// CrmSyncClient: the one HTTP client of the sync backend. One instance serves one admin action: all its requests
// share a correlation id. Every request carries the org id, the acting user id and the correlation id, every
// non-GET an Idempotency-Key, and the Named Credential adds the API key; failures become the same CrmSyncExceptions
// as in Apex, with the same label messages.
import type { BackendResponse } from '../backend/backend';
import { CalloutError, randomUuid } from '../backend/http';
import { CrmSyncException } from './errors';
import { CrmSyncClient as ClientConstants, CrmSyncUserInput } from './generated/apex-constants';
import type { SimulatedOrg } from './org';
import { responseError } from './response-error';
import { toUserId } from './users';

/** The only calls a sandbox copy may make: linking it again and the dry run before. */
const ALLOWED_IN_COPY = ClientConstants.ALLOWED_IN_COPY;

/** CrmSyncUserInput.isLicenseType: a license type code as the contract defines it. */
export function isLicenseType(value: unknown): value is string {
    return typeof value === 'string' && CrmSyncUserInput.LICENSE_TYPE.regExp.test(value);
}

function isVersion(version: unknown): boolean {
    return (
        typeof version === 'number' &&
        Number.isInteger(version) &&
        version >= 1 &&
        version <= ClientConstants.MAX_VERSION
    );
}

/** CrmSyncClient.isCorrelationId: the backend's ids are only trusted when they are UUIDs. */
export function isCorrelationId(value: string | null | undefined): value is string {
    return typeof value === 'string' && ClientConstants.CORRELATION_ID.regExp.test(value);
}

// The JSON bodies of api/crm-sync-backend.openapi.yaml as CrmSyncApi reads them (fields may be missing).
export interface ApiHealth {
    status?: string;
    backendVersion?: string;
    checkedAt?: string;
    contractVersion?: string;
    apiKeyExpiresAt?: string | null;
}
export interface ApiConnection {
    connected?: boolean;
    linkedOrgId?: string | null;
    linkedBy?: { userId?: string; name?: string } | null;
    linkedAt?: string | null;
    lastSyncAt?: string | null;
    health?: string | null;
    healthDetail?: string | null;
    paused?: boolean;
    pause?: { reason?: string; pausedBy?: { userId?: string; name?: string }; pausedAt?: string } | null;
}
export interface ApiDataCount {
    category?: string;
    count?: number;
}
export interface ApiPurgeSummary {
    willDelete?: ApiDataCount[];
    willKeep?: ApiDataCount[];
}
export interface ApiLicensePool {
    licenseType?: string;
    label?: string;
    total?: number;
    assigned?: number;
    available?: number;
    isDefault?: boolean;
}
export interface ApiUserSyncState {
    salesforceUserId?: string;
    syncEnabled?: boolean;
    licenseType?: string | null;
    status?: string;
    lastSyncedAt?: string | null;
    lastError?: string | null;
    version?: number;
}
export interface ApiBatchItemResult {
    salesforceUserId?: string;
    outcome?: string;
    state?: ApiUserSyncState | null;
    error?: { code?: string; detail?: string } | null;
}
export interface ApiSyncError {
    id: string;
    salesforceUserId: string;
    cause: string;
    message: string;
    recordType: string;
    recordCount: number;
    firstSeenAt: string;
    lastSeenAt: string;
}

export interface ApiSyncErrorPage {
    errors: ApiSyncError[];
    nextCursor: string | null;
    summary: { total: number; causes: { cause: string; count: number; userCount: number }[] };
}

export interface ApiSyncErrorQuery {
    cursor?: string | null;
    pageSize?: number | null;
    salesforceUserId?: string | null;
    cause?: string | null;
    since?: string | null;
    until?: string | null;
}

// isoInstant writes what toISOString does; should CrmSyncClient.ISO_INSTANT change, every preview test fails here.
if (ClientConstants.ISO_INSTANT !== "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'") {
    throw new Error(`CrmSyncClient.ISO_INSTANT is ${ClientConstants.ISO_INSTANT}: port isoInstant to it`);
}

/** Datetime.formatGmt(ISO_INSTANT): to the millisecond, in UTC; null stays null. */
function isoInstant(value: string | null | undefined): string | null {
    return value == null ? null : new Date(value).toISOString();
}

export interface ApiSyncErrorRetryItem {
    errorId: string;
    outcome: string;
    salesforceUserId: string | null;
    error: ApiSyncError | null;
}

export interface ApiAutofillSettings {
    leads?: boolean;
    accounts?: boolean;
    version?: number;
}

/** CrmSyncApi.UserChange: a field left undefined is "unchanged"; changeLicense sends licenseType even when null. */
export interface UserChange {
    salesforceUserId: string;
    email: string;
    syncEnabled?: boolean;
    changeLicense: boolean;
    licenseType?: string | null;
    expectedVersion?: number | null;
}

export interface LinkAnswer {
    connection?: ApiConnection;
    authorizationUrl?: string;
}

function toBody(change: UserChange, asBatchItem: boolean): Record<string, unknown> {
    const body: Record<string, unknown> = { email: change.email };
    if (change.syncEnabled !== undefined) {
        body.syncEnabled = change.syncEnabled;
    }
    if (change.changeLicense) {
        body.licenseType = change.licenseType ?? null;
    }
    if (asBatchItem) {
        body.salesforceUserId = change.salesforceUserId;
        if (change.expectedVersion != null) {
            body.expectedVersion = change.expectedVersion;
        }
    }
    return body;
}

/** A strong ETag for the version, or "*" (any version) when none is known. */
function ifMatch(version: number | null | undefined): string {
    return version == null ? '*' : `"${version}"`;
}

/** CrmSyncClient.requireSyncErrorCount: a retry of no sync error or of more than one call takes is refused. */
export function requireSyncErrorCount(org: SimulatedOrg, count: number): void {
    if (count === 0 || count > ClientConstants.MAX_SYNC_ERRORS_PER_CALL) {
        throw new CrmSyncException(
            'INVALID_INPUT',
            org.format('CRM_Sync_Error_Retry_Selection', ClientConstants.MAX_SYNC_ERRORS_PER_CALL)
        );
    }
}

export class CrmSyncClient {
    readonly correlationId: string;
    private readonly org: SimulatedOrg;

    /** A client for one admin action; a background job passes its own correlation id, shared by all its steps. */
    constructor(org: SimulatedOrg, correlationId: string = randomUuid()) {
        this.org = org;
        this.correlationId = correlationId;
    }

    async getHealth(): Promise<ApiHealth> {
        const health = this.read<ApiHealth>(await this.send('GET', '/health'));
        // Apex reads apiKeyExpiresAt into a Datetime: a value that is no date makes the whole answer unreadable.
        const expiry = health.apiKeyExpiresAt;
        this.requireFields(health.status != null && (expiry == null || !Number.isNaN(Date.parse(expiry))));
        return health;
    }

    async getConnection(): Promise<ApiConnection> {
        return this.readConnection(await this.send('GET', '/connection'));
    }

    async linkOrg(body: {
        purgeImportedData: boolean;
        instanceUrl: string;
        linkedBy: { userId: string; name: string };
    }) {
        const response = await this.send('PUT', '/connection', body);
        const answer: LinkAnswer = {};
        if (response.status === 202) {
            answer.authorizationUrl = this.read<{ authorizationUrl?: string }>(response).authorizationUrl;
            this.requireFields(answer.authorizationUrl != null);
        } else {
            answer.connection = this.readConnection(response);
        }
        return answer;
    }

    async unlinkOrg(
        purgeImportedData: boolean
    ): Promise<{ connection: ApiConnection; purged?: ApiPurgeSummary | null }> {
        const result = this.read<{ connection?: ApiConnection; purged?: ApiPurgeSummary | null }>(
            await this.send('POST', '/connection/unlink', { purgeImportedData })
        );
        this.requireFields(result.connection != null && result.connection.connected != null);
        return result as { connection: ApiConnection; purged?: ApiPurgeSummary | null };
    }

    async pauseSync(body: { reason: string; pausedBy: { userId: string; name: string } }): Promise<ApiConnection> {
        return this.readConnection(await this.send('POST', '/connection/pause', body));
    }

    async resumeSync(body: { resumedBy: { userId: string; name: string } }): Promise<ApiConnection> {
        return this.readConnection(await this.send('POST', '/connection/resume', body));
    }

    async previewConnectionChange(operation: string, purgeImportedData: boolean): Promise<ApiPurgeSummary> {
        const summary = this.read<ApiPurgeSummary>(
            await this.send('POST', '/connection/dry-run', { operation, purgeImportedData })
        );
        this.requireFields(summary.willDelete != null && summary.willKeep != null);
        return summary;
    }

    async listLicensePools(): Promise<ApiLicensePool[]> {
        const pools = this.read<{ pools?: ApiLicensePool[] }>(await this.send('GET', '/licenses'));
        this.requireFields(pools.pools != null);
        return pools.pools as ApiLicensePool[];
    }

    async lookupUsers(userIds: string[]): Promise<ApiUserSyncState[]> {
        this.requireBatchSize(userIds.length);
        const states = this.read<{ users?: ApiUserSyncState[] }>(
            await this.send('POST', '/users/lookup', { salesforceUserIds: userIds })
        );
        this.requireFields(states.users != null);
        states.users?.forEach((state) => this.requireState(state));
        return states.users as ApiUserSyncState[];
    }

    async updateUser(change: UserChange): Promise<ApiUserSyncState> {
        const response = await this.send(
            'PATCH',
            `/users/${encodeURIComponent(change.salesforceUserId)}`,
            toBody(change, false),
            { 'If-Match': ifMatch(change.expectedVersion) }
        );
        const state = this.read<ApiUserSyncState>(response);
        this.requireState(state);
        return state;
    }

    /** POST /users/batch; a background job gives each batch its own key, the same whenever the batch is sent again. */
    async updateUsers(changes: UserChange[], idempotencyKey: string = randomUuid()): Promise<ApiBatchItemResult[]> {
        this.requireBatchSize(changes.length);
        const result = this.read<{ results?: ApiBatchItemResult[] }>(
            await this.send(
                'POST',
                '/users/batch',
                { changes: changes.map((change) => toBody(change, true)) },
                { 'Idempotency-Key': idempotencyKey }
            )
        );
        this.requireFields(result.results != null && result.results.length === changes.length);
        result.results?.forEach((item) => item.state && this.requireState(item.state));
        return result.results as ApiBatchItemResult[];
    }

    /** GET /v1/sync-errors; the filters in one order, a null one not sent. */
    async listSyncErrors(query: ApiSyncErrorQuery): Promise<ApiSyncErrorPage> {
        const parameters: [string, string | null | undefined][] = [
            ['salesforceUserId', query.salesforceUserId],
            ['cause', query.cause],
            ['since', isoInstant(query.since)],
            ['until', isoInstant(query.until)],
            ['limit', query.pageSize == null ? null : String(query.pageSize)],
            ['cursor', query.cursor]
        ];
        const pairs = parameters
            .filter((parameter): parameter is [string, string] => parameter[1] != null)
            .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
        const page = this.read<Partial<ApiSyncErrorPage>>(
            await this.send('GET', `/sync-errors${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`)
        );
        this.requireFields(
            page.errors != null && page.summary != null && page.summary.total != null && page.summary.causes != null
        );
        page.errors?.forEach((error) => this.requireSyncError(error));
        return page as ApiSyncErrorPage;
    }

    /** POST /v1/sync-errors/retry: up to MAX_SYNC_ERRORS_PER_CALL errors, one outcome each. */
    async retrySyncErrors(errorIds: string[]): Promise<ApiSyncErrorRetryItem[]> {
        requireSyncErrorCount(this.org, errorIds.length);
        const result = this.read<{ results?: ApiSyncErrorRetryItem[] }>(
            await this.send('POST', '/sync-errors/retry', { errorIds })
        );
        this.requireFields(result.results != null && result.results.length === errorIds.length);
        for (const item of result.results ?? []) {
            const failed = item.outcome === 'failed';
            this.requireFields(ClientConstants.RETRY_OUTCOMES.has(item.outcome) && failed === (item.error != null));
            if (failed) {
                this.requireSyncError(item.error as ApiSyncError);
            }
        }
        return result.results as ApiSyncErrorRetryItem[];
    }

    async getAutofillSettings(): Promise<ApiAutofillSettings> {
        return this.readAutofill(await this.send('GET', '/settings/autofill'));
    }

    async updateAutofillSettings(leads: boolean, accounts: boolean, version: number): Promise<ApiAutofillSettings> {
        return this.readAutofill(
            await this.send('PUT', '/settings/autofill', { leads, accounts }, { 'If-Match': ifMatch(version) })
        );
    }

    private readConnection(response: BackendResponse): ApiConnection {
        const connection = this.read<ApiConnection>(response);
        this.requireFields(connection.connected != null);
        return connection;
    }

    private readAutofill(response: BackendResponse): ApiAutofillSettings {
        const settings = this.read<ApiAutofillSettings>(response);
        this.requireFields(settings.leads != null && settings.accounts != null && isVersion(settings.version));
        return settings;
    }

    private async send(
        method: string,
        path: string,
        body?: unknown,
        extraHeaders: Record<string, string> = {}
    ): Promise<BackendResponse> {
        if (!ALLOWED_IN_COPY.has(`${method} ${path}`) && this.org.data.connection.Copied_At__c) {
            throw new CrmSyncException(
                'SANDBOX_COPY',
                this.org.label('CRM_Sync_Error_Sandbox_Copy'),
                false,
                this.correlationId
            );
        }
        const headers: Record<string, string> = {
            Accept: 'application/json, application/problem+json',
            'X-Salesforce-Org-Id': this.org.orgId,
            'X-Salesforce-User-Id': this.org.runningUser.Id,
            'X-Correlation-Id': this.correlationId,
            // Added by the External Credential's Named Principal; Apex never sees the key.
            Authorization: 'Bearer preview-api-key'
        };
        if (method !== 'GET') {
            headers['Idempotency-Key'] = randomUuid();
        }
        if (body !== undefined) {
            headers['Content-Type'] = 'application/json';
        }
        let response: BackendResponse;
        let timer: ReturnType<typeof setTimeout> | undefined;
        try {
            const timeout = new Promise<never>((_, reject) => {
                timer = setTimeout(() => reject(new CalloutError('Read timed out')), ClientConstants.TIMEOUT_MS);
            });
            response = await Promise.race([
                this.org.callout({
                    method,
                    path: `/v1${path}`,
                    headers: { ...headers, ...extraHeaders },
                    body: body === undefined ? undefined : JSON.stringify(body)
                }),
                timeout
            ]);
        } catch (failure) {
            if (failure instanceof CalloutError) {
                throw this.calloutFailure(failure);
            }
            throw failure;
        } finally {
            clearTimeout(timer);
        }
        if (!ClientConstants.SUCCESS.has(response.status)) {
            throw responseError(this.org, response, this.correlationId);
        }
        return response;
    }

    // Only the JVM's network and timeout messages are named; Salesforce's own refusals are worded in the user's
    // language, so everything else is an honest "credential or connection problem".
    private calloutFailure(failure: CalloutError): CrmSyncException {
        const message = failure.message.toLowerCase();
        if (ClientConstants.TIMEOUT_SIGNS.some((sign) => message.includes(sign))) {
            return new CrmSyncException('TIMEOUT', this.org.label('CRM_Sync_Error_Timeout'), true, this.correlationId);
        }
        if (ClientConstants.NETWORK_SIGNS.some((sign) => message.includes(sign))) {
            return new CrmSyncException(
                'UNREACHABLE',
                this.org.label('CRM_Sync_Error_Unreachable'),
                true,
                this.correlationId
            );
        }
        return new CrmSyncException(
            'UNEXPECTED',
            this.org.label('CRM_Sync_Error_Callout_Failed'),
            false,
            this.correlationId
        );
    }

    private read<T>(response: BackendResponse): T {
        let parsed: unknown = null;
        try {
            parsed = response.body.trim() === '' ? null : JSON.parse(response.body);
        } catch {
            // Broken JSON means the answer cannot be trusted.
            parsed = null;
        }
        this.requireFields(typeof parsed === 'object' && parsed !== null);
        return parsed as T;
    }

    /** Every value bound for a limited field must have the contract's shape before the state is stored. */
    private requireState(state: ApiUserSyncState): void {
        this.requireFields(
            state.salesforceUserId != null &&
                state.syncEnabled != null &&
                isVersion(state.version) &&
                (state.licenseType == null || isLicenseType(state.licenseType))
        );
    }

    /** An error is shown and its user linked, so the fields the panel relies on must be there. */
    private requireSyncError(error: ApiSyncError): void {
        this.requireFields(
            error != null &&
                Boolean(error.id) &&
                Boolean(error.cause) &&
                toUserId(error.salesforceUserId) !== null &&
                error.recordCount != null &&
                error.lastSeenAt != null
        );
    }

    private requireFields(present: boolean): void {
        if (!present) {
            throw new CrmSyncException(
                'MALFORMED_RESPONSE',
                this.org.label('CRM_Sync_Error_Malformed_Response'),
                false,
                this.correlationId
            );
        }
    }

    private requireBatchSize(size: number): void {
        if (size === 0) {
            throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_No_Users'));
        }
        if (size > ClientConstants.MAX_USERS_PER_CALL) {
            throw new CrmSyncException(
                'INVALID_INPUT',
                this.org.format('CRM_Sync_Error_Too_Many_Users', ClientConstants.MAX_USERS_PER_CALL)
            );
        }
    }
}
