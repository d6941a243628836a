// A tiny element builder for the preview's own page (banner, toolbar, record page, toasts). Text is always set as
// text, never parsed as HTML, so seeded names such as O'Brien or a crafted search term cannot inject markup.

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | boolean | undefined | ((event: Event) => void)>;

export function h(tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (typeof value === 'function') {
            element.addEventListener(name.replace(/^on/, ''), value);
        } else if (value === true) {
            element.setAttribute(name, '');
        } else if (typeof value === 'string') {
            element.setAttribute(name, value);
        }
    }
    for (const child of children) {
        if (child) {
            element.append(child);
        }
    }
    return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SLDS icon from the copied sprites (slds/icons/<kind>-sprite/svg/symbols.svg#<name>), hidden from readers. */
export function icon(kind: 'utility' | 'standard', name: string, className: string): SVGElement {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', className);
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const use = document.createElementNS(SVG, 'use');
    use.setAttribute('href', `slds/icons/${kind}-sprite/svg/symbols.svg#${name}`);
    svg.append(use);
    return svg;
}
