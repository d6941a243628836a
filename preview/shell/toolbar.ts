// The preview's frame above the product: the banner that says this is not an org, the navigation between the two
// pages, and the controls that change the simulation (scenario, language, who is signed in, reset). Every control
// writes the URL, so a reload, a shared link or a browser test lands in the same state.
import type { PreviewParams } from '../params';
import { DEFAULT_PARAMS, LANGUAGES, SCENARIOS, SIGN_INS } from '../params';
import { h } from './dom';
import type { ShellTexts } from './texts';
import { fill } from './texts';

/** The URL query parameter behind each setting (params.ts). */
const QUERY_NAMES: Partial<Record<keyof PreviewParams, string>> = {
    language: 'lang',
    scenario: 'scenario',
    signedInAs: 'as'
};

/** Reloads the page with one parameter changed; a default value leaves the URL. */
export function navigateWith(setting: keyof PreviewParams, value: string): void {
    const url = new URL(location.href);
    const name = QUERY_NAMES[setting] ?? setting;
    if (String(DEFAULT_PARAMS[setting]) === value) {
        url.searchParams.delete(name);
    } else {
        url.searchParams.set(name, value);
    }
    location.assign(url.toString());
}

function select(
    id: string,
    label: string,
    options: { value: string; label: string }[],
    current: string,
    onChange: (value: string) => void
): HTMLElement {
    const control = h(
        'select',
        { id, class: 'slds-select', onchange: (event) => onChange((event.target as HTMLSelectElement).value) },
        ...options.map((option) =>
            h('option', { value: option.value, selected: option.value === current }, option.label)
        )
    );
    return h(
        'div',
        { class: 'slds-form-element preview-control' },
        h('label', { class: 'slds-form-element__label', for: id }, label),
        h('div', { class: 'slds-form-element__control' }, h('div', { class: 'slds-select_container' }, control))
    );
}

export function renderBanner(params: PreviewParams, texts: ShellTexts): HTMLElement {
    const scenario = params.scenario === 'normal' ? null : fill(texts.bannerScenario, texts.scenarios[params.scenario]);
    return h(
        'div',
        { class: 'slds-notify slds-notify_alert slds-alert_warning preview-banner', role: 'note' },
        h('h2', {}, texts.banner),
        scenario ? h('span', { class: 'slds-m-left_small preview-banner__scenario' }, `(${scenario})`) : null
    );
}

export interface ToolbarHandlers {
    onReset: () => void;
}

export function renderToolbar(
    params: PreviewParams,
    texts: ShellTexts,
    links: { admin: string; user: string },
    handlers: ToolbarHandlers
): HTMLElement {
    const link = (href: string, label: string, page: string) =>
        h('li', { class: 'preview-nav__item' }, h('a', { href, class: 'preview-nav__link', 'data-page': page }, label));
    return h(
        'header',
        { class: 'preview-toolbar' },
        h(
            'nav',
            { 'aria-label': texts.pages, class: 'preview-nav' },
            h(
                'ul',
                { class: 'preview-nav__list' },
                link(links.admin, texts.adminPage, 'admin'),
                link(links.user, texts.userPage, 'user')
            )
        ),
        h(
            'div',
            { role: 'group', 'aria-label': texts.settings, class: 'preview-controls' },
            select(
                'preview-scenario',
                texts.scenario,
                SCENARIOS.map((value) => ({ value, label: texts.scenarios[value] })),
                params.scenario,
                (value) => navigateWith('scenario', value)
            ),
            select(
                'preview-language',
                texts.language,
                LANGUAGES.map((value) => ({ value, label: texts.languages[value] })),
                params.language,
                (value) => navigateWith('language', value)
            ),
            select(
                'preview-sign-in',
                texts.signInAs,
                SIGN_INS.map((value) => ({ value, label: texts[value] })),
                params.signedInAs,
                (value) => navigateWith('signedInAs', value)
            ),
            h(
                'button',
                { type: 'button', class: 'slds-button slds-button_neutral preview-reset', onclick: handlers.onReset },
                texts.reset
            )
        )
    );
}

/** Marks the current page's link for readers and styles. */
export function markCurrentPage(toolbar: HTMLElement, page: 'admin' | 'user' | 'other'): void {
    toolbar.querySelectorAll<HTMLAnchorElement>('.preview-nav__link').forEach((anchor) => {
        if (anchor.dataset.page === page) {
            anchor.setAttribute('aria-current', 'page');
        } else {
            anchor.removeAttribute('aria-current');
        }
    });
}
