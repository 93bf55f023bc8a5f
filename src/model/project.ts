/**
 * Where brud lives. PLACEHOLDER: github.com/brud-dev/brud is not claimed yet; package.json (homepage,
 * repository, bugs) names the same address, and a test keeps the two equal. Replace both before the
 * first publish (docs/integrations.md, "Publishing").
 */
export const PROJECT_URL = 'https://github.com/brud-dev/brud';
export const ISSUES_URL = `${PROJECT_URL}/issues`;
