// CrmSyncException and the controllers' error handling (CrmSyncException.toAuraHandled): every failure reaches the
// component as an Apex error whose message is the JSON {code, message, retryable, correlationId}, which
// c/crmSyncErrors parses. Codes and messages are those of the Apex classes.

import type { CrmSyncException as ExceptionCodes } from './generated/apex-constants';

/** A code of CrmSyncException's constants. */
export type CrmSyncErrorCode = (typeof ExceptionCodes)[keyof typeof ExceptionCodes];

export class CrmSyncException extends Error {
    readonly code: CrmSyncErrorCode;
    readonly retryable: boolean;
    readonly correlationId: string | null;
    /** For RATE_LIMITED: how long the backend asked to wait (Retry-After), so a background job waits that long. */
    retryAfterSeconds: number | null = null;

    constructor(code: CrmSyncErrorCode, message: string, retryable = false, correlationId: string | null = null) {
        super(message);
        this.name = 'CrmSyncException';
        this.code = code;
        this.retryable = retryable;
        this.correlationId = correlationId;
    }

    /** waitingFor: records how long the backend asked to wait before the next request. */
    waitingFor(seconds: number): this {
        this.retryAfterSeconds = seconds;
        return this;
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
 * UNEXPECTED with the generic label (see wrapFailure).
 */
export function toApexError(failure: unknown, unexpectedMessage: string): ApexError {
    const error = wrapFailure(failure, null, unexpectedMessage);
    return { status: 500, body: { message: JSON.stringify(error.toView()) } };
}

/**
 * CrmSyncException.wrap: ours unchanged; anything else becomes a non-retryable UNEXPECTED with the action's
 * correlation id and the original as its cause, logged as Apex logs it to the debug log.
 */
export function wrapFailure(
    failure: unknown,
    correlationId: string | null,
    unexpectedMessage: string
): CrmSyncException {
    if (failure instanceof CrmSyncException) {
        return failure;
    }
    console.error(`CRM Sync preview org: unexpected failure, correlation ${correlationId}`, failure);
    const error = new CrmSyncException('UNEXPECTED', unexpectedMessage, false, correlationId);
    error.cause = failure;
    return error;
}
