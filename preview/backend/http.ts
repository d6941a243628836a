// The HTTP surface of the simulated sync backend: request and response shapes, RFC 9457 problem bodies, and the
// small validators the operations share. Bodies travel as JSON text, as they do over the wire, so the org's client
// parses them exactly as CrmSyncClient does.

export interface BackendRequest {
    method: string;
    /** `/v1/users/0057Q…`, without the Named Credential's base URL. */
    path: string;
    headers: Record<string, string>;
    body?: string;
}

export interface BackendResponse {
    status: number;
    headers: Record<string, string>;
    body: string;
}

/**
 * Where the simulated backend lives: the URL a configured CRM_Sync Named Credential holds, and the host of the
 * backend's authorization page. (The shipped Named Credential holds the placeholder https://crm-sync.example.invalid.)
 */
export const BACKEND_URL = 'https://sync.crm-vendor.example.com';

/** What Http.send throws when the backend cannot be reached; Apex sees it as a System.CalloutException. */
export class CalloutError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'CalloutException';
    }
}

/** The contract's ProblemCode values. */
export type ProblemCode =
    | 'INVALID_REQUEST'
    | 'UNAUTHENTICATED'
    | 'FORBIDDEN'
    | 'NOT_FOUND'
    | 'NOT_LINKED'
    | 'ORG_ALREADY_LINKED'
    | 'ORG_MISMATCH'
    | 'VERSION_CONFLICT'
    | 'SEATS_EXHAUSTED'
    | 'USER_NOT_MATCHED'
    | 'IDEMPOTENCY_KEY_REUSED'
    | 'RATE_LIMITED'
    | 'INTERNAL'
    | 'UNAVAILABLE';

/** Each code has one status (contract: ProblemCode); only these two are worth retrying unchanged. */
const PROBLEM_STATUS: Record<ProblemCode, number> = {
    INVALID_REQUEST: 400,
    UNAUTHENTICATED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    NOT_LINKED: 409,
    ORG_ALREADY_LINKED: 409,
    ORG_MISMATCH: 409,
    VERSION_CONFLICT: 409,
    SEATS_EXHAUSTED: 409,
    USER_NOT_MATCHED: 422,
    IDEMPOTENCY_KEY_REUSED: 422,
    RATE_LIMITED: 429,
    INTERNAL: 500,
    UNAVAILABLE: 503
};
const RETRYABLE = new Set<ProblemCode>(['RATE_LIMITED', 'UNAVAILABLE']);

export interface InvalidParam {
    /** `/changes/3/email`, `header:If-Match` or `path:salesforceUserId`. */
    pointer: string;
    detail: string;
}

export interface ProblemExtras {
    errors?: InvalidParam[];
    currentVersion?: number;
    licenseType?: string;
    retryAfterSeconds?: number;
}

/** A thrown problem ends the operation with its problem+json answer. */
export class Problem extends Error {
    readonly code: ProblemCode;
    readonly status: number;
    readonly detail: string;
    readonly extras: ProblemExtras;
    readonly headers: Record<string, string>;

    constructor(code: ProblemCode, detail: string, extras: ProblemExtras = {}, headers: Record<string, string> = {}) {
        super(`${code}: ${detail}`);
        this.code = code;
        this.status = PROBLEM_STATUS[code];
        this.detail = detail;
        this.extras = extras;
        this.headers = headers;
    }

    /** The problem+json body, with the request's correlation id. */
    toBody(correlationId: string): Record<string, unknown> {
        const title = this.code.charAt(0) + this.code.slice(1).toLowerCase().replace(/_/g, ' ');
        return {
            type: `https://crm-sync.example.invalid/problems/${this.code.toLowerCase().replace(/_/g, '-')}`,
            title,
            status: this.status,
            detail: this.detail,
            code: this.code,
            retryable: RETRYABLE.has(this.code),
            correlationId,
            ...this.extras
        };
    }
}

/** 401 for a key that is missing, unknown, revoked or expired; the contract says never 403 or 5xx for it. */
export function unauthenticated(): Problem {
    return new Problem(
        'UNAUTHENTICATED',
        'The API key is unknown, revoked or expired.',
        {},
        { 'WWW-Authenticate': 'Bearer error="invalid_token"' }
    );
}

/** 503 during scheduled maintenance, worth retrying after `seconds`. */
export function inMaintenance(seconds: number): Problem {
    return new Problem(
        'UNAVAILABLE',
        'The backend is in scheduled maintenance.',
        { retryAfterSeconds: seconds },
        { 'Retry-After': String(seconds) }
    );
}

export function invalid(errors: InvalidParam[]): Problem {
    const detail = errors.length === 1 ? errors[0].detail : `The request has ${errors.length} invalid fields.`;
    return new Problem('INVALID_REQUEST', detail, { errors });
}

// The formats of the contract, as ajv-formats checks them.
const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const EMAIL =
    /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
export const LICENSE_TYPE = /^[A-Z][A-Z0-9_]{1,39}$/;
export const VERSION_TAG = /^"([1-9][0-9]*)"$/;

export function isUuid(value: unknown): value is string {
    return typeof value === 'string' && UUID.test(value);
}

export function isEmail(value: unknown): value is string {
    return typeof value === 'string' && value.length <= 254 && EMAIL.test(value);
}

export function isHttpsUrl(value: unknown): value is string {
    if (typeof value !== 'string' || !value.startsWith('https://')) {
        return false;
    }
    try {
        return new URL(value).protocol === 'https:';
    } catch {
        return false;
    }
}

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Properties a closed schema does not allow, as 400 findings. */
export function unknownProperties(value: Record<string, unknown>, allowed: string[], at = ''): InvalidParam[] {
    return Object.keys(value)
        .filter((key) => !allowed.includes(key))
        .map((key) => ({ pointer: `${at}/${key}`, detail: `${key} is not a known field.` }));
}

/** A random version-4 UUID; crypto.getRandomValues works on plain http pages too, unlike crypto.randomUUID. */
export function randomUuid(): string {
    const bytes = new Uint8Array(16);
    globalThis.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
