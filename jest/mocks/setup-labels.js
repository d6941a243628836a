// Serves every Custom Label to the components under test with its real English text, read from the label
// metadata, so tests assert what an admin reads ("Enable CRM sync"), not a placeholder key.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { XMLParser } = require('fast-xml-parser');

const labelsFile = path.join(__dirname, '..', '..', 'force-app/main/default/labels/CustomLabels.labels-meta.xml');
const parsed = new XMLParser({ isArray: (name) => name === 'labels', parseTagValue: false }).parse(
    readFileSync(labelsFile, 'utf8')
);

// `mock`-prefixed names may be used inside jest.mock factories (babel-jest's hoisting guard).
for (const mockLabel of parsed.CustomLabels.labels) {
    jest.mock(
        `@salesforce/label/c.${mockLabel.fullName}`,
        () => ({ __esModule: true, default: String(mockLabel.value) }),
        {
            virtual: true
        }
    );
}
