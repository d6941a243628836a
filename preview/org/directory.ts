// CrmSyncUserDirectory and its SOQL (CrmSyncDataAccess.openUserCursor): the license table's users with search,
// filters, sort and paging, read from the org's stored state only (no callout). Each page opens a "pagination
// cursor" as the Apex does: the matching users in the order of `ORDER BY <field> <dir>, Id <dir>`, at most the row
// limit of them; its length is the exact total and the page is the rows [start, start + size). SOQL sorts text in
// the running user's locale; the simulation sorts with Intl.Collator of that locale (sensitivity 'variant': case and
// accents count) and then by Id, so every user appears on exactly one page in any locale. The page token is base64
// JSON `{"start": n}`, as the Apex writes it. The sorted order of each field and locale is built once per org, so a
// page without search or filters costs a slice; with them, one pass over the listed users.
import type { UserExportChunk, UserPage, UserQuery } from 'crm-sync/apex-types';
import type { OrgData, OrgUser, SyncRecord } from './data';
import { CrmSyncException } from './errors';
import {
    CrmSyncJobService,
    CrmSyncRuleService,
    CrmSyncUserDirectory,
    CrmSyncUserService
} from './generated/apex-constants';
import type { SimulatedOrg } from './org';
import { userStateView } from './views';

const { MAX_PAGE_SIZE, SORT_FIELDS, SYNC_FILTERS, LICENSE_FILTERS, STATUS_FILTERS } = CrmSyncUserDirectory;

type SortField = 'Name' | 'Username' | 'Email';

export interface Query {
    searchTerm: string | null;
    syncFilter: string;
    licenseFilter: string;
    statusFilter: string;
    includeInactive: boolean;
    sortBy: string;
    sortDirection: string;
    pageSize: number;
}

/**
 * What the pages read of one org, built once: per sort field and locale, the users in ascending (field, Id) order;
 * per field, locale and includeInactive, the standard users among them (users never change in the simulation, only
 * their stored states do); and the lower-case search text of each user.
 */
interface Orders {
    sorted: Map<string, OrgUser[]>;
    listed: Map<string, OrgUser[]>;
    /** Name, Username and Email in lower case, for the case-insensitive LIKE of the search. */
    searchText: Map<OrgUser, readonly [string, string, string]>;
}
const cache = new WeakMap<OrgData, Orders>();

function ordersOf(data: OrgData): Orders {
    let orders = cache.get(data);
    if (!orders) {
        orders = { sorted: new Map(), listed: new Map(), searchText: new Map() };
        cache.set(data, orders);
    }
    return orders;
}

function searchTextOf(orders: Orders, user: OrgUser): readonly [string, string, string] {
    let text = orders.searchText.get(user);
    if (!text) {
        text = [user.Name.toLowerCase(), user.Username.toLowerCase(), user.Email.toLowerCase()];
        orders.searchText.set(user, text);
    }
    return text;
}

/** A Salesforce LocaleSidKey (de_DE) as a BCP 47 tag (de-DE); English where the runtime does not know it. */
function languageTag(localeSidKey: string): string {
    const tag = localeSidKey.replace(/_/g, '-');
    try {
        return Intl.Collator.supportedLocalesOf([tag]).length > 0 ? tag : 'en-US';
    } catch {
        return 'en-US';
    }
}

const byId = (a: OrgUser, b: OrgUser): number => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0);

/**
 * Users in ascending (field, Id) order, as ORDER BY <field>, Id sorts them for a user of `locale`. The collator
 * compares each distinct value once in the sort of the distinct values; users are then sorted by rank and Id.
 */
function sortedUsers(data: OrgData, field: SortField, locale: string): OrgUser[] {
    const orders = ordersOf(data);
    const key = `${field} ${locale}`;
    let order = orders.sorted.get(key);
    if (!order) {
        const collator = new Intl.Collator(languageTag(locale), { sensitivity: 'variant' });
        const values = [...new Set(data.users.map((user) => user[field]))].sort(collator.compare);
        const rank = new Map(values.map((value, index) => [value, index]));
        const rankOf = (user: OrgUser): number => rank.get(user[field]) ?? 0;
        order = [...data.users].sort((a, b) => rankOf(a) - rankOf(b) || byId(a, b));
        orders.sorted.set(key, order);
    }
    return order;
}

/** The standard users, active unless inactive ones are asked for, in ascending (field, Id) order. */
function listedUsers(data: OrgData, field: SortField, locale: string, includeInactive: boolean): OrgUser[] {
    const orders = ordersOf(data);
    const key = `${field} ${locale} ${includeInactive}`;
    let listed = orders.listed.get(key);
    if (!listed) {
        listed = sortedUsers(data, field, locale).filter(
            (user) => user.UserType === 'Standard' && (includeInactive || user.IsActive)
        );
        orders.listed.set(key, listed);
    }
    return listed;
}

/** A pagination cursor of the simulation: `users` (ascending) read in the query's direction, at most rowLimit. */
interface UserCursor {
    /** getNumRecords() */
    readonly numRecords: number;
    /** fetchPage(start, size).getRecords(); like the platform, it refuses to read beyond the last row. */
    fetchPage(start: number, size: number): OrgUser[];
}

function cursorOver(users: readonly OrgUser[], descending: boolean, rowLimit: number): UserCursor {
    // ORDER BY … DESC LIMIT n holds the last n users of the ascending order, last first.
    const numRecords = Math.min(users.length, rowLimit);
    return {
        numRecords,
        fetchPage(start, size) {
            if (start < 0 || size < 1 || start + size > numRecords) {
                throw new Error(`Fetch beyond bound: rows ${start} to ${start + size} of ${numRecords}`);
            }
            const page: OrgUser[] = [];
            for (let i = start; i < start + size; i++) {
                page.push(users[descending ? users.length - 1 - i : i]);
            }
            return page;
        }
    };
}

/** The rest of userConditions on a listed user: the search and the filters on the stored state. */
function matches(data: OrgData, orders: Orders, query: Query, term: string | null, user: OrgUser): boolean {
    if (term !== null && !searchTextOf(orders, user).some((value) => value.includes(term))) {
        return false;
    }
    if (query.syncFilter === 'all' && query.licenseFilter === 'all' && query.statusFilter === 'all') {
        return true;
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

/**
 * CrmSyncUserDirectory.normalise: applies defaults and refuses values outside the allowed sets, as the Apex does
 * before building SOQL. Background jobs select their users with the same filter.
 */
export function normaliseQuery(org: SimulatedOrg, input: UserQuery | null): Query {
    const invalid = (message: string) => new CrmSyncException('INVALID_INPUT', message);
    const allowed = (value: string | undefined, values: ReadonlySet<string>, fallback: string): string => {
        if (value === undefined || value === null || value.trim() === '') {
            return fallback;
        }
        if (!values.has(value)) {
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
    const sortBy = allowed(input?.sortBy, new Set(SORT_FIELDS.keys()), 'name');
    const sortDirection = allowed(input?.sortDirection, new Set(['asc', 'desc']), 'asc');
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

export class UserDirectory {
    private readonly org: SimulatedOrg;

    constructor(org: SimulatedOrg) {
        this.org = org;
    }

    getPage(input: UserQuery | null): UserPage {
        const query = normaliseQuery(this.org, input);
        let start = this.decode(input?.cursor);
        const pageSize = query.pageSize;

        const cursor = this.openUserCursor(query, SORT_FIELDS.get(query.sortBy) ?? 'Name');
        const total = cursor.numRecords;
        if (start >= total) {
            // Users disappeared since the token was made: show the last page instead of an empty one.
            start = Math.max(0, total - pageSize);
        }
        // fetchPage past the end throws instead of returning a partial page, so ask only for the rows left.
        const size = Math.min(pageSize, total - start);
        const users = size > 0 ? cursor.fetchPage(start, size) : [];

        const states = this.org.data.getSyncStates(users.map((user) => user.Id));
        const page: UserPage = { rows: users.map((user) => userStateView(user, states.get(user.Id))) };
        page.nextCursor = start + users.length < total ? encode(start + users.length) : undefined;
        page.previousCursor = start > 0 ? encode(Math.max(0, start - pageSize)) : undefined;
        page.totalCount = total;
        page.totalCountCapped = total >= this.org.userRowLimit;
        return page;
    }

    /** getExportChunk: up to EXPORT_CHUNK rows of the query's users from a position on, and where the next starts. */
    getExportChunk(input: UserQuery | null, start: number | null): UserExportChunk {
        const query = normaliseQuery(this.org, input);
        const cursor = this.openUserCursor(query, SORT_FIELDS.get(query.sortBy) ?? 'Name');
        const total = cursor.numRecords;
        if (start === null || !Number.isInteger(start) || start < 0 || start > total) {
            throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Invalid_Cursor'));
        }
        const size = Math.min(CrmSyncUserDirectory.EXPORT_CHUNK, total - start);
        const users = size > 0 ? cursor.fetchPage(start, size) : [];
        const states = this.org.data.getSyncStates(users.map((user) => user.Id));
        return {
            rows: users.map((user) => userStateView(user, states.get(user.Id))),
            nextStart: start + users.length < total ? start + users.length : undefined,
            totalCount: total,
            totalCountCapped: total >= this.org.userRowLimit
        };
    }

    /** The start of a page token: 0 without one; a non-negative integer below the row limit otherwise. */
    private decode(token: string | undefined): number {
        // String.isBlank: no token, or only white space.
        if (!token || token.trim() === '') {
            return 0;
        }
        try {
            const bytes = Uint8Array.from(atob(token), (character) => character.charCodeAt(0));
            const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
            const start = (parsed as { start?: unknown } | null)?.start;
            // The Apex accepts an Integer of JSON.deserializeUntyped: a whole number (1.5 is a Decimal, text a String).
            if (typeof start === 'number' && Number.isInteger(start) && start >= 0 && start < this.org.userRowLimit) {
                return start;
            }
        } catch {
            // Falls through: a token the browser altered is an input error, not a server failure.
        }
        throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Invalid_Cursor'));
    }

    /**
     * openUserCursor: the matching users in the query's order (sort field, then Id, both ascending or both
     * descending), at most the row limit of them, as `LIMIT :rowLimit` cuts the SOQL's result.
     */
    private openUserCursor(query: Query, field: SortField): UserCursor {
        const data = this.org.data;
        const listed = listedUsers(data, field, this.org.locale, query.includeInactive);
        const term = query.searchTerm?.toLowerCase() ?? null;
        const unfiltered =
            term === null &&
            query.syncFilter === 'all' &&
            query.licenseFilter === 'all' &&
            query.statusFilter === 'all';
        const orders = ordersOf(data);
        const found = unfiltered ? listed : listed.filter((user) => matches(data, orders, query, term, user));
        return cursorOver(found, query.sortDirection === 'desc', this.org.userRowLimit);
    }
}

/** The page token of a start, as base64 of UTF-8 JSON, like EncodingUtil.base64Encode(Blob.valueOf(json)). */
function encode(start: number): string {
    return btoa(JSON.stringify({ start }));
}

/** CrmSyncDataAccess.UserRefinement: what narrows the table's users down for a background job. */
export interface UserRefinement {
    stateMustHold: string[];
    stateMustNotHold: string[];
    /** true: active users only; false: inactive only; null: both. */
    active: boolean | null;
    licenseType: string | null;
    failedInJob: string | null;
    /** Only the users staged under this CSV import key. */
    importKey: string | null;
    /** With importKey: only its users staged with this license type. */
    importLicenseType: string | null;
    /** An assignment rule's criterion (CrmSyncRuleService.PROFILE, ROLE_SUBTREE or PERMISSION_SET). */
    criterion: string | null;
    /** With criterion: the profile, the roles of the subtree, or the permission set. */
    criterionIds: Set<string>;
}

/** Database.Cursor of the simulation: rows fixed when opened, read by position with their current values. */
export interface SelectionCursor {
    readonly userIds: readonly string[];
    getNumRecords(): number;
    fetch(position: number, count: number): OrgUser[];
}

/** The state fragments CrmSyncJobService writes into its SOQL, as predicates on a stored state. */
const STATE_FRAGMENTS = new Map<string, (record: SyncRecord, licenseType: string | null) => boolean>([
    [CrmSyncJobService.SYNC_ON, (record) => record.Sync_Enabled__c],
    [CrmSyncJobService.LICENSED, (record) => record.License_Type__c != null],
    [CrmSyncJobService.HOLDS_LICENSE_TYPE, (record, licenseType) => record.License_Type__c === licenseType],
    [CrmSyncJobService.SYNC_ON_AND_LICENSED, (record) => record.Sync_Enabled__c && record.License_Type__c != null],
    [
        CrmSyncJobService.SWITCHED_OFF_BY_HAND,
        (record) => record.Sync_Reason__c === CrmSyncUserService.SYNC_REASON_MANUAL && !record.Sync_Enabled__c
    ]
]);

/** The condition of each rule criterion: whether a user is selected by one of the criterion's ids. */
const CRITERION_CONDITIONS = new Map<string, (data: OrgData, userId: string, ids: Set<string>) => boolean>([
    [CrmSyncRuleService.PROFILE, (data, userId, ids) => ids.has(data.setup.profileOf.get(userId) ?? '')],
    [CrmSyncRuleService.ROLE_SUBTREE, (data, userId, ids) => ids.has(data.setup.roleOf.get(userId) ?? '')],
    [
        CrmSyncRuleService.PERMISSION_SET,
        (data, userId, ids) => [...(data.setup.permissionSetsOf.get(userId) ?? [])].some((id) => ids.has(id))
    ]
]);

function fragment(text: string): (record: SyncRecord, licenseType: string | null) => boolean {
    const predicate = STATE_FRAGMENTS.get(text);
    if (!predicate) {
        throw new Error(`The simulation does not know the SOQL fragment "${text}": port it to STATE_FRAGMENTS`);
    }
    return predicate;
}

/** A cursor over users by id, as fetch() reads them: their values at the time of the fetch. */
export function cursorOfUsers(data: OrgData, userIds: readonly string[]): SelectionCursor {
    return {
        userIds,
        getNumRecords: () => userIds.length,
        fetch(position, count) {
            if (position < 0 || count < 1 || position + count > userIds.length) {
                throw new Error(`Fetch beyond bound: rows ${position} to ${position + count} of ${userIds.length}`);
            }
            return userIds.slice(position, position + count).map((id) => data.usersById.get(id) as OrgUser);
        }
    };
}

/**
 * CrmSyncDataAccess.openUserSelection: the standard users of the table's filter narrowed by the refinement, in Id
 * order. A state record must meet every stateMustHold fragment; none of the stateMustNotHold fragments may hold of
 * it (a user without a record meets none).
 */
export function openUserSelection(org: SimulatedOrg, query: Query, refinement: UserRefinement): SelectionCursor {
    const data = org.data;
    const orders = ordersOf(data);
    const term = query.searchTerm?.toLowerCase() ?? null;
    const mustHold = refinement.stateMustHold.map(fragment);
    const mustNotHold = refinement.stateMustNotHold.map(fragment);
    const failed = refinement.failedInJob
        ? new Set(data.jobFailures.filter((row) => row.Job__c === refinement.failedInJob).map((row) => row.User__c))
        : null;
    const staged = refinement.importKey
        ? new Set(
              data.importRows
                  .filter(
                      (row) =>
                          row.Import_Key__c === refinement.importKey &&
                          (refinement.importLicenseType === null ||
                              row.License_Type__c === refinement.importLicenseType)
                  )
                  .map((row) => row.User__c)
          )
        : null;
    const criterion = refinement.criterion ? CRITERION_CONDITIONS.get(refinement.criterion) : undefined;
    const { licenseType } = refinement;
    const selected = [...data.users].sort(byId).filter((user) => {
        if (user.UserType !== 'Standard' || (!query.includeInactive && !user.IsActive)) {
            return false;
        }
        if ((refinement.active !== null && user.IsActive !== refinement.active) || (failed && !failed.has(user.Id))) {
            return false;
        }
        if (staged && !staged.has(user.Id)) {
            return false;
        }
        if (criterion && !criterion(data, user.Id, refinement.criterionIds)) {
            return false;
        }
        if (!matches(data, orders, query, term, user)) {
            return false;
        }
        const record = data.syncStateOf(user.Id);
        if (mustHold.length > 0 && !(record && mustHold.every((holds) => holds(record, licenseType)))) {
            return false;
        }
        return !record || !mustNotHold.some((holds) => holds(record, licenseType));
    });
    return cursorOfUsers(
        data,
        selected.map((user) => user.Id)
    );
}
