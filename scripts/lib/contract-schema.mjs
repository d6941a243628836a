// Ajv for the sync backend's OpenAPI contract, shared by check:contract and the preview's contract tests, so both
// validate answers and fixtures by the same rules.
//
// Ajv 2020 in strict mode with formats. The OpenAPI document is added whole under SPEC_ID: its top-level fields
// and the OpenAPI-only schema keywords are declared as annotations so strict mode accepts them. strictRequired is
// off because the idiomatic "at least one of" (`anyOf: [{required: [a]}, {required: [b]}]`) trips it; Redocly's
// no-required-schema-properties-undefined (an error in check:contract) catches the typos it would have caught.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');

export const SPEC_ID = 'https://crm-sync.example.invalid/contract/openapi.json';

const OPENAPI_ANNOTATIONS = [
    ...['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags'],
    ...['externalDocs', 'discriminator', 'xml', 'example']
];

/**
 * The `salesforce-id` format: a 15-character id, or an 18-character one whose last 3 characters encode which of the
 * first 15 are upper case (5 bits per group of 5, as A–Z then 0–5). Apex's Id.valueOf refuses a wrong checksum, so a
 * fixture with one would make Apex tests fail for a reason that has nothing to do with the code.
 */
export function isSalesforceId(value) {
    if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value)) {
        return false;
    }
    if (value.length === 15) {
        return true;
    }
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
    let checksum = '';
    for (let group = 0; group < 3; group++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const character = value[group * 5 + i];
            if (character >= 'A' && character <= 'Z') {
                bits |= 1 << i;
            }
        }
        checksum += alphabet[bits];
    }
    return value.slice(15) === checksum;
}

/** An Ajv instance holding the whole contract under SPEC_ID, so `$ref`s resolve as written. */
export function contractAjv(spec) {
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
    addFormats(ajv);
    ajv.addFormat('salesforce-id', { type: 'string', validate: isSalesforceId });
    ajv.addVocabulary(OPENAPI_ANNOTATIONS);
    ajv.addSchema(spec, SPEC_ID);
    return ajv;
}
