// A User record page as Lightning Experience shows it, reduced to what CRM Sync touches: the record header with
// the "CRM Sync" quick action, the record's details, and c-crm-sync-user-action placed on the page. The action
// opens the same component in a quick-action dialog, which closes on CloseActionScreenEvent, Escape or its close
// button, and gives focus back to the action button. RefreshEvent re-reads the header and details, as Lightning
// Data Service would, and runs the refresh handlers components registered (c-crm-sync-user-action re-reads the user).
import { createElement } from 'lwc';
import CrmSyncUserAction from 'c/crmSyncUserAction';
import { QUICK_ACTION_LABEL } from 'virtual:crm-sync-labels';
import type { OrgUser } from '../org/data';
import { CLOSE_ACTION_SCREEN } from '../platform/actions';
import { REFRESH, runRefreshHandlers } from '../platform/refresh';
import { h, icon } from './dom';
import type { ShellTexts } from './texts';

export interface RecordPageOptions {
    /** Reads a user as Lightning Data Service would (no Apex call). */
    findUser: (userId: string) => OrgUser | undefined;
    /** Users offered in the "Show user" list. */
    sampleUsers: OrgUser[];
    texts: ShellTexts;
    /** Opens another user's record (changes the route). */
    showUser: (userId: string) => void;
    /** The dialog opened or closed (keeps `/action` in the route). */
    onActionChange: (open: boolean) => void;
    /** Activates or deactivates the user as an admin would in Setup (the org's User trigger runs). */
    setActive: (userId: string, active: boolean) => void;
}

export interface RecordPage {
    element: HTMLElement;
    openAction(): void;
    closeAction(): void;
    dispose(): void;
}

function userActionElement(userId: string): HTMLElement {
    const element = createElement('c-crm-sync-user-action', { is: CrmSyncUserAction });
    (element as HTMLElement & { recordId: string }).recordId = userId;
    return element;
}

function field(label: string, value: string): HTMLElement {
    return h(
        'div',
        { class: 'slds-form-element slds-form-element_readonly' },
        h('span', { class: 'slds-form-element__label' }, label),
        h('div', { class: 'slds-form-element__control' }, h('div', { class: 'slds-form-element__static' }, value))
    );
}

export function renderRecordPage(userId: string, options: RecordPageOptions): RecordPage {
    const { texts } = options;
    const element = h('div', { class: 'preview-record-page' });
    const user = options.findUser(userId);
    if (!user) {
        element.append(h('div', { class: 'slds-box slds-theme_default', role: 'alert' }, texts.userNotFound));
        return { element, openAction() {}, closeAction() {}, dispose() {} };
    }

    const actionButton = h(
        'button',
        { type: 'button', class: 'slds-button slds-button_neutral', 'aria-haspopup': 'dialog', onclick: () => open() },
        QUICK_ACTION_LABEL
    );
    // Stands in for Setup → Users → Edit → Active, so a deactivation can be seen releasing the user's seat.
    const activeButton = h('button', {
        type: 'button',
        class: 'slds-button slds-button_neutral preview-set-active',
        onclick: () => {
            const current = options.findUser(userId) ?? user;
            options.setActive(userId, !current.IsActive);
            renderRecord();
        }
    });
    const header = h('div');
    const details = h('div');
    const renderRecord = () => {
        const current = options.findUser(userId) ?? user;
        const yesNo = current.IsActive ? texts.yes : texts.no;
        activeButton.textContent = current.IsActive ? texts.deactivate : texts.activate;
        header.replaceChildren(
            h(
                'div',
                { class: 'slds-page-header slds-page-header_record-home' },
                h(
                    'div',
                    { class: 'slds-page-header__row' },
                    h(
                        'div',
                        { class: 'slds-page-header__col-title' },
                        h(
                            'div',
                            { class: 'slds-media' },
                            h(
                                'div',
                                { class: 'slds-media__figure' },
                                h(
                                    'span',
                                    { class: 'slds-icon_container slds-icon-standard-user' },
                                    icon('standard', 'user', 'slds-icon slds-page-header__icon')
                                )
                            ),
                            h(
                                'div',
                                { class: 'slds-media__body' },
                                h('span', { class: 'slds-page-header__name-meta' }, texts.user),
                                h('h1', { class: 'slds-page-header__title slds-truncate' }, current.Name)
                            )
                        )
                    ),
                    h(
                        'div',
                        { class: 'slds-page-header__col-actions' },
                        h('div', { class: 'slds-page-header__controls' }, activeButton, actionButton)
                    )
                ),
                h(
                    'div',
                    { class: 'slds-page-header__row slds-page-header__row_gutters' },
                    h(
                        'div',
                        { class: 'slds-page-header__col-details' },
                        h(
                            'ul',
                            { class: 'slds-page-header__detail-row' },
                            ...[
                                [texts.username, current.Username],
                                [texts.email, current.Email],
                                [texts.profile, current.ProfileName],
                                [texts.active, yesNo]
                            ].map(([label, value]) =>
                                h(
                                    'li',
                                    { class: 'slds-page-header__detail-block' },
                                    h('div', { class: 'slds-text-title slds-truncate' }, label),
                                    h('div', { class: 'slds-truncate' }, value)
                                )
                            )
                        )
                    )
                )
            )
        );
        details.replaceChildren(
            field(texts.name, current.Name),
            field(texts.username, current.Username),
            field(texts.email, current.Email),
            field(texts.profile, current.ProfileName),
            field(texts.active, yesNo),
            field(texts.userType, current.UserType)
        );
    };
    renderRecord();

    const choices = options.sampleUsers.some((sample) => sample.Id === userId)
        ? options.sampleUsers
        : [user, ...options.sampleUsers];
    const picker = h(
        'div',
        { class: 'slds-form-element slds-m-bottom_small preview-user-picker' },
        h('label', { class: 'slds-form-element__label', for: 'preview-user' }, texts.showUser),
        h(
            'div',
            { class: 'slds-form-element__control' },
            h(
                'div',
                { class: 'slds-select_container' },
                h(
                    'select',
                    {
                        id: 'preview-user',
                        class: 'slds-select',
                        onchange: (event) => options.showUser((event.target as HTMLSelectElement).value)
                    },
                    ...choices.map((choice) =>
                        h('option', { value: choice.Id, selected: choice.Id === userId }, choice.Name)
                    )
                )
            )
        )
    );

    element.append(
        picker,
        header,
        h(
            'div',
            { class: 'slds-grid slds-wrap slds-gutters_x-small slds-m-top_small' },
            h(
                'div',
                { class: 'slds-col slds-size_1-of-1 slds-large-size_7-of-12 slds-m-bottom_small' },
                h(
                    'article',
                    { class: 'slds-card' },
                    h(
                        'div',
                        { class: 'slds-card__header' },
                        h('h2', { class: 'slds-card__header-title' }, texts.details)
                    ),
                    h('div', { class: 'slds-card__body slds-card__body_inner' }, details)
                )
            ),
            h(
                'div',
                { class: 'slds-col slds-size_1-of-1 slds-large-size_5-of-12', 'data-region': 'record-page-component' },
                userActionElement(userId)
            )
        )
    );

    // --- the quick-action dialog ---------------------------------------------------------------------------------
    let dialog: HTMLElement | undefined;
    const onKeydown = (event: KeyboardEvent) => {
        if (event.key === 'Escape' && dialog) {
            event.stopPropagation();
            close();
        }
    };
    const onRefresh = () => {
        renderRecord();
        void runRefreshHandlers();
    };
    document.addEventListener(REFRESH, onRefresh);

    function open(): void {
        if (dialog) {
            return;
        }
        const component = userActionElement(userId);
        component.addEventListener(CLOSE_ACTION_SCREEN, () => close());
        // LWC screen actions get no header from the platform (a component adds one with lightning-quick-action-panel);
        // the dialog is named after the action.
        const section = h(
            'section',
            {
                role: 'dialog',
                'aria-modal': 'true',
                'aria-label': QUICK_ACTION_LABEL,
                tabindex: '-1',
                class: 'slds-modal slds-fade-in-open preview-quick-action'
            },
            h(
                'div',
                { class: 'slds-modal__container' },
                h(
                    'button',
                    {
                        type: 'button',
                        class: 'slds-button slds-button_icon slds-modal__close',
                        title: texts.cancelAndClose,
                        'aria-label': texts.cancelAndClose,
                        onclick: () => close()
                    },
                    icon('utility', 'close', 'slds-button__icon slds-button__icon_large')
                ),
                h('div', { class: 'slds-modal__content slds-p-around_medium' }, component)
            )
        );
        dialog = h(
            'div',
            { class: 'preview-quick-action-layer' },
            section,
            h('div', { class: 'slds-backdrop slds-backdrop_open' })
        );
        document.getElementById('preview-app')?.setAttribute('inert', '');
        document.body.append(dialog);
        document.addEventListener('keydown', onKeydown, true);
        section.focus();
        options.onActionChange(true);
    }

    function close(notify = true): void {
        if (!dialog) {
            return;
        }
        dialog.remove();
        dialog = undefined;
        document.removeEventListener('keydown', onKeydown, true);
        document.getElementById('preview-app')?.removeAttribute('inert');
        if (notify) {
            actionButton.focus();
            options.onActionChange(false);
        }
    }

    return {
        element,
        openAction: open,
        closeAction: () => close(),
        dispose() {
            close(false);
            document.removeEventListener(REFRESH, onRefresh);
        }
    };
}
