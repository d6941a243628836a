// Salesforce record ids for the seeded data. Ids must be real-looking: the contract's `salesforce-id` format and
// Apex's Id.valueOf refuse an 18-character id whose checksum is wrong.

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_PATTERN = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/** The 3 characters that encode which of the 15 characters are upper case (5 bits per group of 5). */
function checksum(id15: string): string {
    let suffix = '';
    for (let group = 0; group < 3; group++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const character = id15[group * 5 + i];
            if (character >= 'A' && character <= 'Z') {
                bits |= 1 << i;
            }
        }
        suffix += CHECKSUM_ALPHABET[bits];
    }
    return suffix;
}

/** A 15- or 18-character id as the 18-character form; null when it is not a well-formed id. */
export function toId18(value: string): string | null {
    if (!ID_PATTERN.test(value)) {
        return null;
    }
    const id15 = value.slice(0, 15);
    const id18 = id15 + checksum(id15);
    return value.length === 15 || value === id18 ? id18 : null;
}

export function isSalesforceId(value: string): boolean {
    return toId18(value) !== null;
}

/** The org the preview runs as, and the production org a refreshed sandbox would still be linked to. */
export const PREVIEW_ORG_ID = '00D7Q000004SbXy' + checksum('00D7Q000004SbXy');
export const OTHER_ORG_ID = '00D5g00000AbCdE' + checksum('00D5g00000AbCdE');

const USER_PREFIX = '0057Q00000';
const INDEX_DIGITS = 5;

/** The id of the seeded user at `index`; ids sort in index order, as base-62 digits are in ASCII order. */
export function userIdAt(index: number): string {
    let digits = '';
    let rest = index;
    for (let i = 0; i < INDEX_DIGITS; i++) {
        digits = BASE62[rest % 62] + digits;
        rest = Math.floor(rest / 62);
    }
    const id15 = USER_PREFIX + digits;
    return id15 + checksum(id15);
}

/** The seed index behind a user id from userIdAt; -1 for any other id. */
export function userIndexOf(id: string): number {
    const id18 = toId18(id);
    if (!id18 || !id18.startsWith(USER_PREFIX)) {
        return -1;
    }
    let index = 0;
    for (const digit of id18.slice(USER_PREFIX.length, 15)) {
        index = index * 62 + BASE62.indexOf(digit);
    }
    return index;
}
