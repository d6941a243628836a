// Helpers the component tests share: rendering a component, waiting for its re-render, settling Apex calls when a
// test wants, and reading what the component shows and fires. Kept outside force-app so it is never deployed.
import { createElement } from 'lwc';
import LightningModal from 'lightning/modal';
import type { CrmSyncError } from 'c/crmSyncErrors';

/** What `lwc`'s createElement accepts as `is`: a component class. */
type ComponentClass = Parameters<typeof createElement>[1]['is'];

/** The base-component properties the tests read (`lightning-input`, `lightning-button`, `lightning-combobox`, …). */
export type BaseComponent = HTMLElement & {
    label?: string;
    value?: string;
    checked?: boolean;
    disabled?: boolean;
    alternativeText?: string;
    placeholder?: string;
    options?: { label: string; value: string }[];
};

/** The `detail` of a `lightning__showtoast` event (ShowToastEvent). */
export interface ToastDetail {
    title?: string;
    message?: string;
    variant?: string;
    mode?: string;
}

/** Creates the component `tag`, sets `props` on it and puts it on the page. */
export function renderElement<T extends HTMLElement>(tag: string, is: ComponentClass, props: Partial<T> = {}): T {
    const element = createElement(tag, { is }) as T;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

/** Resolves after the promises already settled have run their callbacks and the component has re-rendered. */
export function flushPromises(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A promise the test settles when it wants, to look at the component while a call is running. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: unknown) => void } {
    let resolve: (value: T) => void = () => undefined;
    let reject: (reason: unknown) => void = () => undefined;
    const promise = new Promise<T>((done, fail) => {
        resolve = done;
        reject = fail;
    });
    return { promise, resolve, reject };
}

/** How a failed Apex call rejects: an AuraHandledException whose message is the controller's JSON error. */
export function apexError(error: CrmSyncError, status = 500): { body: { message: string }; ok: false; status: number } {
    return { body: { message: JSON.stringify(error) }, ok: false, status };
}

/** The first element in the component's shadow tree that matches `selector`, or null. */
export function query<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
    return element.shadowRoot?.querySelector<T>(selector) ?? null;
}

/** The element in the component's shadow tree that matches `selector` and has the `label`; throws when none has. */
export function byLabel<T extends HTMLElement & { label?: string } = BaseComponent>(
    element: HTMLElement,
    selector: string,
    label: string
): T {
    const found = Array.from(element.shadowRoot?.querySelectorAll<T>(selector) ?? []).find(
        (candidate) => candidate.label === label
    );
    if (!found) {
        throw new Error(`no ${selector} labelled "${label}"`);
    }
    return found;
}

/** The `detail` of every `type` event the element fires from now on, in order. */
export function captureEvents<T = unknown>(element: HTMLElement, type: string): T[] {
    const details: T[] = [];
    element.addEventListener(type, (event) => details.push((event as CustomEvent<T>).detail));
    return details;
}

/** Every toast the element shows from now on. */
export function captureToasts(element: HTMLElement): ToastDetail[] {
    return captureEvents<ToastDetail>(element, 'lightning__showtoast');
}

/**
 * Tells whether a modal closed, and with what. The jest stub of LightningModal records `close(result)` as
 * `closeValue` on the component instance, which the element does not expose; and LWC locks component prototypes, so
 * a jest.spyOn on `close` cannot be restored at teardown. Call this once at the top of the test file, before any
 * modal is created: it wraps the stub's `close` to hand the test that instance. Call `reset()` after each test.
 */
export function watchModalClose(): { closed: () => { closed: boolean; value?: unknown }; reset: () => void } {
    const closedModals: { closed?: boolean; closeValue?: unknown }[] = [];
    const stubClose = LightningModal.prototype.close;
    LightningModal.prototype.close = function (this: { closed?: boolean; closeValue?: unknown }, result: unknown) {
        closedModals.push(this);
        return stubClose.call(this, result);
    };
    return {
        // Only a close the modal accepted counts (the stub ignores close() while disableClose is true).
        closed: () => {
            const modal = closedModals.find((candidate) => candidate.closed === true);
            return modal ? { closed: true, value: modal.closeValue } : { closed: false };
        },
        reset: () => {
            closedModals.length = 0;
        }
    };
}
