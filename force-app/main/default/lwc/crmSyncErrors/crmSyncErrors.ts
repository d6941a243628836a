// Turns whatever a failed Apex call, wire adapter or script throws into one typed error that
// the components can show and branch on. The Apex controllers serialise their failures as JSON
// into AuraHandledException.setMessage(); everything else is normalised to the same shape.
import unexpectedErrorLabel from '@salesforce/label/c.CRM_Sync_Error_Unexpected';

/** The failure shape shared with Apex (CrmSyncError); `code` is machine-readable. */
export interface CrmSyncError {
    code: string;
    message: string;
    retryable: boolean;
    correlationId: string | null;
}

/** Code for failures that did not come from our Apex controllers. */
export const UNEXPECTED_ERROR_CODE = 'UNEXPECTED';

type UnknownRecord = Record<string, unknown>;

function isRecord(value: unknown): value is UnknownRecord {
    return typeof value === 'object' && value !== null;
}

function nonEmptyString(value: unknown): string | undefined {
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Our error when `value` has its shape: the JSON of an AuraHandledException, or an ErrorView Apex returned. */
function asCrmSyncError(value: unknown): CrmSyncError | undefined {
    if (!isRecord(value) || !nonEmptyString(value.code) || !nonEmptyString(value.message)) {
        return undefined;
    }
    return {
        code: value.code as string,
        message: value.message as string,
        retryable: value.retryable === true,
        correlationId: nonEmptyString(value.correlationId) ?? null
    };
}

/** Parses an AuraHandledException message that carries our JSON error, if it does. */
function parseApexError(message: string): CrmSyncError | undefined {
    if (!message.trimStart().startsWith('{')) {
        return undefined;
    }
    try {
        return asCrmSyncError(JSON.parse(message));
    } catch {
        // Not our JSON: treat the text as a plain message below.
        return undefined;
    }
}

/** Plain messages from the shapes Lightning Data Service, Apex and scripts produce. */
function collectMessages(error: unknown): string[] {
    if (Array.isArray(error)) {
        return error.flatMap(collectMessages);
    }
    if (!isRecord(error)) {
        return nonEmptyString(error) ? [error as string] : [];
    }
    const body = error.body;
    if (Array.isArray(body)) {
        return body.flatMap(collectMessages);
    }
    if (isRecord(body)) {
        const pageErrors = Array.isArray(body.pageErrors) ? body.pageErrors.flatMap(collectMessages) : [];
        const fieldErrors = isRecord(body.fieldErrors) ? Object.values(body.fieldErrors).flatMap(collectMessages) : [];
        const outputErrors = isRecord(body.output) ? collectMessages(body.output.errors) : [];
        const own = nonEmptyString(body.message) ? [body.message as string] : [];
        return [...own, ...pageErrors, ...fieldErrors, ...outputErrors];
    }
    const message = nonEmptyString(error.message) ?? nonEmptyString(error.statusText);
    return message ? [message] : [];
}

/**
 * Normalises any thrown value into a CrmSyncError. Our Apex JSON errors, and the ErrorView sections of a
 * PanelState, pass through unchanged; other failures keep their own message (or a translated fallback) under UNEXPECTED_ERROR_CODE.
 */
export function toCrmSyncError(error: unknown): CrmSyncError {
    const given = asCrmSyncError(error);
    if (given) {
        return given;
    }
    const messages = collectMessages(error);
    for (const message of messages) {
        const apexError = parseApexError(message);
        if (apexError) {
            return apexError;
        }
    }
    const distinct = messages.filter((message, index) => messages.indexOf(message) === index);
    return {
        code: UNEXPECTED_ERROR_CODE,
        message: distinct.length > 0 ? distinct.join(' ') : unexpectedErrorLabel,
        retryable: false,
        correlationId: null
    };
}
