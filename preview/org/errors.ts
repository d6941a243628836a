// CrmSyncException and the controllers' error handling (CrmSyncException.toAuraHandled): every failure reaches the
// component as an Apex error whose message is the JSON {code, message, retryable, correlationId}, which
// c/crmSyncErrors parses. Codes and messages are those of the Apex classes.

export type CrmSyncErrorCode =
    | 'NOT_PERMITTED'
    | 'INVALID_INPUT'
    | 'NOT_LINKED'
    | 'ORG_MISMATCH'
    | 'ORG_ALREADY_LINKED'
    | 'TIMEOUT'
    | 'UNREACHABLE'
    | 'CREDENTIAL_NOT_GRANTED'
    | 'BAD_REQUEST'
    | 'CREDENTIAL_REJECTED'
    | 'FORBIDDEN'
    | 'NOT_FOUND'
    | 'CONFLICT'
    | 'SEATS_EXHAUSTED'
    | 'USER_NOT_MATCHED'
    | 'RATE_LIMITED'
    | 'BACKEND_ERROR'
    | 'MALFORMED_RESPONSE'
    | 'UNEXPECTED';

export class CrmSyncException extends Error {
    readonly code: CrmSyncErrorCode;
    readonly retryable: boolean;
    readonly correlationId: string | null;

    constructor(code: CrmSyncErrorCode, message: string, retryable = false, correlationId: string | null = null) {
        super(message);
        this.name = 'CrmSyncException';
        this.code = code;
        this.retryable = retryable;
        this.correlationId = correlationId;
    }

    /** CrmSyncViews.ErrorView; JSON.serialize keeps its nulls. */
    toView(): { code: string; message: string; retryable: boolean; correlationId: string | null } {
        return { code: this.code, message: this.message, retryable: this.retryable, correlationId: this.correlationId };
    }
}

/** What an imperative Apex call rejects with when the method throws an AuraHandledException. */
export interface ApexError {
    status: number;
    body: { message: string };
}

/**
 * CrmSyncException.toAuraHandled: our failures keep their code; anything else (a bug in the simulation) becomes
 * UNEXPECTED with the generic label, and its details go to the console, as Apex writes them to the debug log.
 */
export function toApexError(failure: unknown, unexpectedMessage: string): ApexError {
    let error: CrmSyncException;
    if (failure instanceof CrmSyncException) {
        error = failure;
    } else {
        console.error('CRM Sync preview org: unexpected failure', failure);
        error = new CrmSyncException('UNEXPECTED', unexpectedMessage);
    }
    return { status: 500, body: { message: JSON.stringify(error.toView()) } };
}
