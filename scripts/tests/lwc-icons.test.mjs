// Every SLDS icon the components name exists in @salesforce-ux/design-system: lightning-icon and lightning-card
// render an unknown name as an empty box, and no other gate notices.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isTestOrDeclaration, walkFiles } from '../lib/project.mjs';
import { repoRoot } from './helpers.mjs';

const ICONS_DIR = path.join(repoRoot, 'node_modules/@salesforce-ux/design-system/assets/icons');
// An icon name in a template attribute (icon-name="standard:user") or a string in a component (iconName: 'utility:x').
const ICON_NAME = /["'](action|custom|doctype|standard|utility):([a-z0-9_]+)["']/g;

function iconNames() {
    const lwcDir = path.join(repoRoot, 'force-app/main/default/lwc');
    return walkFiles(lwcDir)
        .filter((file) => /\.(html|ts)$/.test(file) && !isTestOrDeclaration(file))
        .flatMap((file) =>
            [...readFileSync(file, 'utf8').matchAll(ICON_NAME)].map(([, category, name]) => ({
                file: path.relative(repoRoot, file),
                icon: `${category}:${name}`,
                svg: path.join(ICONS_DIR, category, `${name}.svg`)
            }))
        );
}

describe('SLDS icons', () => {
    it('every icon name in the components exists in the design system', () => {
        const names = iconNames();
        assert.ok(names.length >= 5, `expected the components to name icons, found ${names.length}`);
        assert.deepEqual(
            names.filter(({ svg }) => !existsSync(svg)).map(({ file, icon }) => `${file}: ${icon}`),
            []
        );
    });
});
