// Shows ShowToastEvent toasts the way Lightning Experience does: SLDS toasts at the top of the page. Success and
// info toasts are role="status", warnings and errors role="alert". Dismissible and pester toasts go away after a
// few seconds (paused while the pointer or focus is on them); sticky ones stay until closed.
import { SHOW_TOAST } from '../platform/toast';
import type { ToastDetail } from '../platform/toast';
import { h, icon } from './dom';
import type { ShellTexts } from './texts';

const VISIBLE_MS = 5000;

/** messageData fills {0}, {1}, … of the message; an entry may be text or a { label } link. */
function fillMessage(detail: ToastDetail): string {
    const message = detail.message ?? '';
    const data = detail.messageData ?? [];
    return message.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
        const value = data[Number(index)];
        if (typeof value === 'string') {
            return value;
        }
        return typeof value === 'object' && value !== null && 'label' in value ? String(value.label) : placeholder;
    });
}

/** Listens for toasts on the document; returns every toast shown, for tests that look after it has gone. */
export function installToastHost(container: HTMLElement, texts: ShellTexts): ToastDetail[] {
    const shown: ToastDetail[] = [];
    document.addEventListener(SHOW_TOAST, (event) => {
        const detail = (event as CustomEvent<ToastDetail>).detail ?? {};
        shown.push(detail);
        container.append(renderToast(detail, texts));
    });
    return shown;
}

function renderToast(detail: ToastDetail, texts: ShellTexts): HTMLElement {
    const variant = detail.variant ?? 'info';
    const mode = detail.mode ?? 'dismissible';
    const message = fillMessage(detail);
    const toast = h(
        'div',
        {
            class: `slds-notify slds-notify_toast slds-theme_${variant}`,
            role: variant === 'error' || variant === 'warning' ? 'alert' : 'status',
            'data-variant': variant
        },
        h(
            'span',
            {
                class: `slds-icon_container slds-icon-utility-${variant} slds-m-right_small slds-no-flex slds-align-top`
            },
            icon('utility', variant, 'slds-icon slds-icon_small')
        ),
        h(
            'div',
            { class: 'slds-notify__content' },
            h('h2', { class: 'slds-text-heading_small' }, detail.title ?? ''),
            message ? h('p', {}, message) : null
        )
    );
    const remove = () => toast.remove();
    if (mode !== 'pester') {
        toast.append(
            h(
                'div',
                { class: 'slds-notify__close' },
                h(
                    'button',
                    {
                        class: 'slds-button slds-button_icon slds-button_icon-inverse',
                        type: 'button',
                        title: texts.close,
                        'aria-label': texts.close,
                        onclick: remove
                    },
                    icon('utility', 'close', 'slds-button__icon slds-button__icon_large')
                )
            )
        );
    }
    if (mode !== 'sticky') {
        let timer = setTimeout(remove, VISIBLE_MS);
        const pause = () => clearTimeout(timer);
        const resume = () => {
            clearTimeout(timer);
            timer = setTimeout(remove, VISIBLE_MS);
        };
        toast.addEventListener('mouseenter', pause);
        toast.addEventListener('focusin', pause);
        toast.addEventListener('mouseleave', resume);
        toast.addEventListener('focusout', resume);
    }
    return toast;
}
