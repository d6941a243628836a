// Jest for the TypeScript LWC: the sfdx-lwc-jest preset plus our shared platform mocks and the
// @sa11y accessibility matchers, with labels served in English from the label metadata. Coverage is measured on the .ts sources.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    moduleNameMapper: {
        // Base modules sfdx-lwc-jest does not stub.
        '^lightning/modal$': '<rootDir>/jest/mocks/lightning/modal',
        '^lightning/actions$': '<rootDir>/jest/mocks/lightning/actions',
        // Replaces the stub: renders the progressbar role with its accessible name (see the mock).
        '^lightning/progressBar$': '<rootDir>/jest/mocks/lightning/progressBar',
        // Shared helpers of the component tests; outside force-app so they are never deployed.
        '^crm-sync/test-utils$': '<rootDir>/jest/utils/crmSyncTestUtils.ts'
    },
    setupFilesAfterEnv: [
        ...(jestConfig.setupFilesAfterEnv ?? []),
        '<rootDir>/jest/mocks/setup-sa11y.js',
        '<rootDir>/jest/mocks/setup-labels.js',
        '<rootDir>/jest/mocks/setup-encoding.js'
    ],
    testPathIgnorePatterns: [...(jestConfig.testPathIgnorePatterns ?? []), '<rootDir>/scripts/', '<rootDir>/.tools/'],
    modulePathIgnorePatterns: ['<rootDir>/.localdevserver', '<rootDir>/.tools', '<rootDir>/scripts/tests/fixtures'],
    collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!**/*.d.ts', '!**/__tests__/**'],
    coverageThreshold: {
        // Raised as the code grows, never lowered.
        global: { lines: 90, branches: 90 }
    }
};
