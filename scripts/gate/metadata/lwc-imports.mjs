// Check 3b: `@salesforce/*` imports in LWC sources must name things the project defines. The platform resolves
// these modules only at deploy or run time, and Jest mocks hide a wrong name, so a typo survives every other gate.
//
// Sources are `.ts` and `.js` files in LWC bundles, read from disk regardless of .forceignore (the `.ts` sources
// are forceignored but are where imports are written). Skipped: `__tests__` (Jest-only mocks), `.d.ts`, and a
// `.js` built from a sibling `.ts`, so each import is reported once, at the line a developer edits.
import fs from 'node:fs';
import path from 'node:path';
import { findMethodDeclarations } from './apex-source.mjs';
import { References } from './crossrefs.mjs';
import { blankCommentsAndStrings, lineAt } from './source-text.mjs';

const IMPORT =
    /\b(?:import|export)\s+(?:[^'"`;]*?\bfrom\s*)?(['"])([^'"\n]+)\1|\bimport\s*\(\s*(['"])([^'"\n]+)\3\s*\)/g;

/** LWC source files among `files` (absolute paths). */
export function lwcSources(files) {
    const set = new Set(files);
    return files.filter((file) => {
        const parts = file.split(path.sep);
        const lwc = parts.lastIndexOf('lwc');
        if (lwc < 0 || lwc > parts.length - 3 || parts.includes('__tests__')) return false;
        if (file.endsWith('.d.ts')) return false;
        if (file.endsWith('.ts')) return true;
        return file.endsWith('.js') && !set.has(file.replace(/\.js$/, '.ts'));
    });
}

/** `{specifier, line}` for every static or dynamic import/re-export in a JS/TS source. */
export function importsOf(source) {
    const code = blankCommentsAndStrings(source, { keepStrings: true });
    const found = [];
    for (let m; (m = IMPORT.exec(code));) found.push({ specifier: m[2] ?? m[4], line: lineAt(code, m.index) });
    return found;
}

export function checkLwcImports(sourceFiles, inventory, findings) {
    const refs = new References(inventory, findings);
    const apexSources = new Map();
    const apexSource = (component) => {
        if (!apexSources.has(component.content)) {
            apexSources.set(component.content, fs.readFileSync(component.content, 'utf8'));
        }
        return apexSources.get(component.content);
    };
    const ns = inventory.namespace;

    for (const file of sourceFiles) {
        for (const { specifier, line } of importsOf(fs.readFileSync(file, 'utf8'))) {
            const [, kind, rest] = /^@salesforce\/(\w+)\/(.+)$/.exec(specifier) ?? [];
            if (kind === 'label') {
                // `c.Name` is this project's label; `ns.Name` is another package's unless ns is ours.
                const [prefix, name] = splitFirst(rest, '.');
                if (name && (prefix === 'c' || prefix === ns) && !inventory.labels.has(name)) {
                    findings.add(
                        file,
                        line,
                        'xref/label',
                        `custom label ${name} is not defined in any CustomLabels file`
                    );
                }
            } else if (kind === 'apex' || kind === 'apexContinuation') {
                const parts = rest.split('.');
                if (parts.length === 3 && parts[0] !== ns) continue; // another package's class
                const [className, method] = parts.slice(-2);
                if (!method) continue;
                const cls = inventory.get('ApexClass', className);
                if (!cls) {
                    findings.add(
                        file,
                        line,
                        'xref/apex-class',
                        `Apex class ${className} (imported as ${specifier}) is not defined in the project`
                    );
                    continue;
                }
                const problem = methodProblem(findMethodDeclarations(apexSource(cls), method));
                if (problem) findings.add(file, line, 'xref/apex-method', `${cls.fullName}.${method} ${problem}`);
            } else if (kind === 'customPermission') {
                refs.named(file, { value: rest, line }, 'CustomPermission', 'xref/custom-permission');
            } else if (kind === 'schema') {
                const parts = rest.split('.');
                if (parts.length === 1) refs.object(file, { value: parts[0], line });
                else if (parts.length === 2) refs.qualifiedField(file, { value: rest, line });
                // Longer relationship paths (Obj.Rel__r.Field) are not followed.
            }
        }
    }
}

function methodProblem(declarations) {
    if (declarations.length === 0) return 'is not declared in the class';
    if (!declarations.some((d) => d.auraEnabled)) return 'is not @AuraEnabled, so LWC cannot import it';
    const callable = declarations.some((d) => d.auraEnabled && d.isStatic);
    return callable ? undefined : 'is @AuraEnabled but not static, so LWC cannot import it';
}

function splitFirst(text, separator) {
    const at = text.indexOf(separator);
    return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}
