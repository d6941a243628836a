// CrmSyncResponseError: a failed backend answer → the CrmSyncException the admin sees. Same classification as the
// Apex class: by status (400, 401, 403, 404, 409/422 by problem code, 429, 5xx, anything else), with the problem
// body's correlation id when it is readable.
import type { BackendResponse } from '../backend/backend';
import { isCorrelationId } from './client';
import { CrmSyncException } from './errors';
import { CrmSyncResponseError } from './generated/apex-constants';
import type { SimulatedOrg } from './org';

/** CrmSyncApi.Problem: the fields Apex reads from a problem body. */
interface ProblemBody {
    code?: string;
    retryable?: boolean;
    correlationId?: string;
    retryAfterSeconds?: number;
    licenseType?: string;
}

function parseProblem(body: string): ProblemBody | null {
    if (body.trim() === '') {
        return null;
    }
    try {
        const parsed: unknown = JSON.parse(body);
        return typeof parsed === 'object' && parsed !== null ? (parsed as ProblemBody) : null;
    } catch {
        // An HTML error page from a proxy, for example: classify by status alone.
        return null;
    }
}

/** forProblemCode: a business failure by the backend's code, for 409/422 answers and for batch items. */
export function forProblemCode(
    org: SimulatedOrg,
    problemCode: string | null | undefined,
    licenseType: string | null | undefined,
    correlationId: string | null
): CrmSyncException {
    switch (problemCode) {
        case 'SEATS_EXHAUSTED':
            return new CrmSyncException(
                'SEATS_EXHAUSTED',
                licenseType
                    ? org.format('CRM_Sync_Error_Seats_Exhausted', licenseType)
                    : org.label('CRM_Sync_Error_Seats_Exhausted_Default'),
                false,
                correlationId
            );
        case 'USER_NOT_MATCHED':
            return new CrmSyncException(
                'USER_NOT_MATCHED',
                org.label('CRM_Sync_Error_User_Not_Matched'),
                false,
                correlationId
            );
        case 'NOT_LINKED':
            return new CrmSyncException('NOT_LINKED', org.label('CRM_Sync_Error_Not_Linked'), false, correlationId);
        case 'ORG_MISMATCH':
            return new CrmSyncException('ORG_MISMATCH', org.label('CRM_Sync_Error_Org_Mismatch'), false, correlationId);
        case 'ORG_ALREADY_LINKED':
            return new CrmSyncException(
                'ORG_ALREADY_LINKED',
                org.label('CRM_Sync_Error_Org_Already_Linked'),
                false,
                correlationId
            );
        case 'INVALID_REQUEST':
        case 'IDEMPOTENCY_KEY_REUSED':
            return new CrmSyncException('BAD_REQUEST', org.label('CRM_Sync_Error_Bad_Request'), false, correlationId);
        default:
            // VERSION_CONFLICT and any conflict the backend adds later: reload and retry is the safe advice.
            return new CrmSyncException('CONFLICT', org.label('CRM_Sync_Error_Conflict'), false, correlationId);
    }
}

/** toException(): the classified failure of a non-2xx answer. */
export function responseError(
    org: SimulatedOrg,
    response: BackendResponse,
    requestCorrelationId: string
): CrmSyncException {
    const problem = parseProblem(response.body);
    // The backend's id is kept only when well-formed; otherwise our own still matches its request log.
    const correlationId = isCorrelationId(problem?.correlationId) ? problem.correlationId : requestCorrelationId;
    const failure = (code: ConstructorParameters<typeof CrmSyncException>[0], message: string, retryable: boolean) =>
        new CrmSyncException(code, message, retryable, correlationId);
    const { status } = response;
    if (status === 400) {
        return failure('BAD_REQUEST', org.label('CRM_Sync_Error_Bad_Request'), false);
    } else if (status === 401) {
        return failure('CREDENTIAL_REJECTED', org.label('CRM_Sync_Error_Credential_Rejected'), false);
    } else if (status === 403) {
        return failure('FORBIDDEN', org.label('CRM_Sync_Error_Forbidden'), false);
    } else if (status === 404) {
        return failure('NOT_FOUND', org.label('CRM_Sync_Error_Not_Found'), false);
    } else if (status === 409 || status === 422) {
        return forProblemCode(org, problem?.code, problem?.licenseType, correlationId);
    } else if (status === 429) {
        const header = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
        const seconds =
            header !== undefined && /^\d{1,9}$/.test(header.trim())
                ? Number(header.trim())
                : (problem?.retryAfterSeconds ?? CrmSyncResponseError.DEFAULT_RETRY_AFTER_SECONDS);
        return failure('RATE_LIMITED', org.format('CRM_Sync_Error_Rate_Limited', seconds), true).waitingFor(seconds);
    } else if (status >= 500 && status <= 599) {
        // 5xx is worth retrying unless the backend says otherwise in its problem body.
        return failure('BACKEND_ERROR', org.label('CRM_Sync_Error_Backend'), problem?.retryable ?? true);
    }
    return failure('BACKEND_ERROR', org.format('CRM_Sync_Error_Unexpected_Status', status), false);
}
