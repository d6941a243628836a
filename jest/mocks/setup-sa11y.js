// Registers `expect(element).toBeAccessible()` (axe-core rules via @sa11y) for every test.
const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();
