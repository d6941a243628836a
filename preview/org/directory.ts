// CrmSyncUserDirectory and its SOQL (CrmSyncDataAccess.findUsers/countUsers): the license table's users with
// search, filters, sort and key paging, read from the org's stored state only (no callout). Pages are read after
// (or, going back, before) the sort value and Id of the last row shown, as the SOQL does; the count stops at
// COUNT_CAP. SOQL sorts text case-insensitively; the simulation sorts by a folded key (lower case, no accents) and
// Id, and compares the cursor by the same key, so every user appears on exactly one page.
import type { UserPage, UserQuery } from 'crm-sync/apex-types';
import type { OrgData, OrgUser } from './data';
import { CrmSyncException } from './errors';
import type { SimulatedOrg } from './org';
import { userStateView } from './views';

export const MAX_PAGE_SIZE = 50;
export const COUNT_CAP = 10000;

type SortField = 'Name' | 'Username' | 'Email';
const SORT_FIELDS: Record<string, SortField> = { name: 'Name', username: 'Username', email: 'Email' };
const SYNC_FILTERS = ['all', 'on', 'off'];
const LICENSE_FILTERS = ['all', 'licensed', 'unlicensed'];
const STATUS_FILTERS = ['all', 'Synced', 'Pending', 'Not_Matched', 'Error'];

interface Query {
    searchTerm: string | null;
    syncFilter: string;
    licenseFilter: string;
    statusFilter: string;
    includeInactive: boolean;
    sortBy: string;
    sortDirection: string;
    pageSize: number;
}

interface Cursor {
    value: string;
    userId: string;
    backwards: boolean;
}

function sortKey(value: string): string {
    return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Users of one sort field in ascending (key, Id) order, built once per field. */
const orders = new WeakMap<OrgData, Map<SortField, OrgUser[]>>();
function sortedUsers(data: OrgData, field: SortField): OrgUser[] {
    let byField = orders.get(data);
    if (!byField) {
        byField = new Map();
        orders.set(data, byField);
    }
    let order = byField.get(field);
    if (!order) {
        const keyed = data.users.map((user) => ({ user, key: sortKey(user[field]) }));
        keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.user.Id < b.user.Id ? -1 : 1));
        order = keyed.map((entry) => entry.user);
        byField.set(field, order);
    }
    return order;
}

/** Compares a user with the cursor position by (key, Id). */
function compareToCursor(user: OrgUser, field: SortField, key: string, userId: string): number {
    const userKey = sortKey(user[field]);
    if (userKey !== key) {
        return userKey < key ? -1 : 1;
    }
    return user.Id === userId ? 0 : user.Id < userId ? -1 : 1;
}

/** userConditions: standard users, active unless asked, the search, and the filters on the stored state. */
function matches(data: OrgData, query: Query, user: OrgUser): boolean {
    if (user.UserType !== 'Standard' || (!query.includeInactive && !user.IsActive)) {
        return false;
    }
    if (query.searchTerm) {
        const term = query.searchTerm.toLowerCase();
        const found = [user.Name, user.Username, user.Email].some((value) => value.toLowerCase().includes(term));
        if (!found) {
            return false;
        }
    }
    const record = data.syncStateOf(user.Id);
    const syncOn = record?.Sync_Enabled__c === true;
    const licensed = record?.License_Type__c != null;
    if ((query.syncFilter === 'on' && !syncOn) || (query.syncFilter === 'off' && syncOn)) {
        return false;
    }
    if ((query.licenseFilter === 'licensed' && !licensed) || (query.licenseFilter === 'unlicensed' && licensed)) {
        return false;
    }
    return query.statusFilter === 'all' || record?.Status__c === query.statusFilter;
}

export class UserDirectory {
    private readonly org: SimulatedOrg;

    constructor(org: SimulatedOrg) {
        this.org = org;
    }

    getPage(input: UserQuery | null): UserPage {
        const query = this.normalise(input);
        const cursor = this.decode(input?.cursor);
        const field = SORT_FIELDS[query.sortBy];
        // One row more than the page tells whether another page follows in the reading direction.
        let users = this.findUsers(query, field, cursor, query.pageSize + 1);
        const moreInReadingDirection = users.length > query.pageSize;
        users = users.slice(0, query.pageSize);
        if (cursor?.backwards) {
            users.reverse();
        }
        const states = this.org.data.getSyncStates(users.map((user) => user.Id));
        const page: UserPage = { rows: users.map((user) => userStateView(user, states.get(user.Id))) };
        const hasNext = cursor?.backwards ? true : moreInReadingDirection;
        const hasPrevious = cursor ? (cursor.backwards ? moreInReadingDirection : true) : false;
        if (users.length > 0) {
            page.nextCursor = hasNext ? encode(users[users.length - 1], field, false) : undefined;
            page.previousCursor = hasPrevious ? encode(users[0], field, true) : undefined;
        }
        const counted = this.countUsers(query, COUNT_CAP + 1);
        page.totalCount = Math.min(counted, COUNT_CAP);
        page.totalCountCapped = counted > COUNT_CAP;
        return page;
    }

    /** Applies defaults and refuses values outside the allowed sets, as the Apex does before building SOQL. */
    private normalise(input: UserQuery | null): Query {
        const org = this.org;
        const invalid = (message: string) => new CrmSyncException('INVALID_INPUT', message);
        const allowed = (value: string | undefined, values: string[], fallback: string): string => {
            if (value === undefined || value === null || value.trim() === '') {
                return fallback;
            }
            if (!values.includes(value)) {
                throw invalid(org.format('CRM_Sync_Error_Invalid_Filter', value));
            }
            return value;
        };
        const searchTerm = input?.searchTerm?.trim() ? input.searchTerm.trim() : null;
        if (searchTerm !== null && searchTerm.length < 2) {
            throw invalid(org.label('CRM_Sync_Error_Search_Too_Short'));
        }
        const syncFilter = allowed(input?.syncFilter, SYNC_FILTERS, 'all');
        const licenseFilter = allowed(input?.licenseFilter, LICENSE_FILTERS, 'all');
        const statusFilter = allowed(input?.statusFilter, STATUS_FILTERS, 'all');
        const sortBy = allowed(input?.sortBy, Object.keys(SORT_FIELDS), 'name');
        const sortDirection = allowed(input?.sortDirection, ['asc', 'desc'], 'asc');
        const pageSize = input?.pageSize ?? 25;
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw invalid(org.format('CRM_Sync_Error_Page_Size', MAX_PAGE_SIZE));
        }
        const includeInactive = input?.includeInactive === true;
        return {
            searchTerm,
            syncFilter,
            licenseFilter,
            statusFilter,
            sortBy,
            sortDirection,
            includeInactive,
            pageSize
        };
    }

    private decode(token: string | undefined): Cursor | null {
        if (!token) {
            return null;
        }
        try {
            const bytes = Uint8Array.from(atob(token), (character) => character.charCodeAt(0));
            const cursor = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Cursor>;
            if (
                typeof cursor.value === 'string' &&
                typeof cursor.userId === 'string' &&
                typeof cursor.backwards === 'boolean'
            ) {
                return cursor as Cursor;
            }
        } catch {
            // Falls through: a cursor the browser altered is an input error, not a server failure.
        }
        throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Invalid_Cursor'));
    }

    /** findUsers: matching users in reading order, starting beyond the cursor. */
    private findUsers(query: Query, field: SortField, cursor: Cursor | null, maxRows: number): OrgUser[] {
        const order = sortedUsers(this.org.data, field);
        // Reading backwards through an ascending sort is reading forwards through a descending one.
        const scanDescending = (query.sortDirection === 'desc') !== (cursor?.backwards === true);
        let position = scanDescending ? order.length - 1 : 0;
        if (cursor) {
            const key = sortKey(cursor.value);
            // First index whose (key, Id) is beyond the cursor in ascending order.
            let low = 0;
            let high = order.length;
            while (low < high) {
                const middle = (low + high) >> 1;
                if (compareToCursor(order[middle], field, key, cursor.userId) <= 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            position = scanDescending ? low - 1 : low;
            if (scanDescending && position >= 0 && compareToCursor(order[position], field, key, cursor.userId) === 0) {
                position--;
            }
        }
        const found: OrgUser[] = [];
        const step = scanDescending ? -1 : 1;
        for (let i = position; i >= 0 && i < order.length && found.length < maxRows; i += step) {
            if (matches(this.org.data, query, order[i])) {
                found.push(order[i]);
            }
        }
        return found;
    }

    /** countUsers: how many users match, counting stops at `cap`. */
    private countUsers(query: Query, cap: number): number {
        let count = 0;
        for (const user of this.org.data.users) {
            if (count >= cap) {
                break;
            }
            if (matches(this.org.data, query, user)) {
                count++;
            }
        }
        return count;
    }
}

/** The cursor of a row, as base64 of UTF-8 JSON, like EncodingUtil.base64Encode(Blob.valueOf(json)). */
function encode(user: OrgUser, field: SortField, backwards: boolean): string {
    const json = JSON.stringify({ value: user[field], userId: user.Id, backwards });
    return btoa(String.fromCharCode(...new TextEncoder().encode(json)));
}
