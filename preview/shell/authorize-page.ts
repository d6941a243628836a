// Stands in for the backend's own authorization page: linkOrg answers 202 with
// <BACKEND_URL>/authorize?request=<token>, the panel opens it, and main.ts sends that address
// here (#/authorize?request=<token>). Opening it allows access at once and says so; the admin returns to the first
// tab and clicks Continue, which links the org.
import type { AuthorizeOutcome } from '../backend/backend';
import { BACKEND_URL } from '../backend/http';
import { h } from './dom';
import type { ShellTexts } from './texts';

export function renderAuthorizePage(outcome: AuthorizeOutcome, texts: ShellTexts): HTMLElement {
    const authorized = outcome === 'authorized';
    const message = authorized
        ? texts.authorized
        : outcome === 'expired'
          ? texts.authorizeExpired
          : texts.authorizeUnknown;
    return h(
        'article',
        { class: 'slds-card preview-authorize' },
        h('div', { class: 'slds-card__header' }, h('h1', { class: 'slds-card__header-title' }, texts.authorizeTitle)),
        h(
            'div',
            { class: 'slds-card__body slds-card__body_inner' },
            h(
                'div',
                { class: `slds-box ${authorized ? 'slds-theme_success' : 'slds-theme_error'}`, role: 'status' },
                h('h2', { class: 'slds-text-heading_medium' }, message),
                authorized ? h('p', { class: 'slds-m-top_x-small' }, texts.authorizedBody) : null
            ),
            h('p', { class: 'slds-m-top_medium slds-text-color_weak' }, texts.authorizeNote)
        )
    );
}

/** The request token of a backend authorization URL, if `url` is one. */
export function authorizationToken(url: string): string | undefined {
    try {
        const parsed = new URL(url);
        return parsed.origin === BACKEND_URL && parsed.pathname === '/authorize'
            ? (parsed.searchParams.get('request') ?? undefined)
            : undefined;
    } catch {
        return undefined;
    }
}
