// Every route of the app, for tests that visit them all (axe, no-other-origin).
// `ready` is a selector that shows the route has rendered. Add new routes here.
// `storage` (optional): local storage items (key -> text) seeded before the app loads, for
// states a bare visit does not reach.

// Two saved profiles, the first an enterprise half-way through the questionnaire.
const SAVED_PROFILES = JSON.stringify({
  version: 1,
  next_id: 3,
  active: 'p1',
  profiles: [
    {
      id: 'p1',
      modified: 1700000000000,
      profile: {
        version: 1, name: 'Pubei peel plant', applicant: 'enterprise', county: 'pubei', industry: 'tangerine_peel',
        answers: { led_project_from_outside_city: true, led_project_investment: '150000000' },
      },
    },
    { id: 'p2', modified: 0, profile: { version: 1, name: '', applicant: 'college' } },
  ],
});

export const ROUTES = [
  { name: 'home', hash: '', ready: 'h1' },
  { name: 'questions', hash: '#/questions', ready: 'h1' },
  { name: 'results', hash: '#/results', ready: '[data-testid="results-screen"] [data-testid="plan-notice"]' },
  { name: 'library', hash: '#/library', ready: '[data-testid="library-count"]' },
  { name: 'library measure', hash: '#/library/%E5%9B%9B.2(4)', ready: '[data-testid="measure-四.2(4)"] h1' },
  { name: 'targets', hash: '#/targets', ready: '[data-testid="targets-screen"] svg[role="img"]' },
  { name: 'profiles', hash: '#/profiles', ready: 'h1' },
  { name: 'about', hash: '#/about', ready: '[data-testid="about-version"]' },
  { name: 'compare', hash: '#/compare', ready: '[data-testid="compare-screen"] h1' },
  { name: 'receipt', hash: '#/receipt', ready: '[data-testid="receipt-empty"]' },
  { name: 'settings', hash: '#/settings', ready: '[data-testid="import-file"]' },
  { name: 'share (broken link)', hash: '#/share/not-a-link', ready: '[data-testid="share-error-message"]' },
  { name: 'not found', hash: '#/no-such-page', ready: 'h1' },
  // Saved states (questionnaire, profiles, storage notices).
  { name: 'start (saved profile)', hash: '', ready: '[data-testid="resume"]', storage: { 'qz.profiles': SAVED_PROFILES } },
  { name: 'questions (answering a step)', hash: '#/questions/investment', ready: '[data-testid="fact-led_project_investment-echo"]', storage: { 'qz.profiles': SAVED_PROFILES } },
  { name: 'profiles (saved, with a backup)', hash: '#/profiles', ready: '[data-testid="backup-row"]', storage: { 'qz.profiles': SAVED_PROFILES, 'qz.backup.1': '{"version":' } },
  { name: 'compare (two saved profiles)', hash: '#/compare', ready: '[data-testid="compare-table"]', storage: { 'qz.profiles': SAVED_PROFILES } },
  { name: 'receipt (saved profile)', hash: '#/receipt', ready: '[data-testid="receipt"] [data-testid="incentive-table"]', storage: { 'qz.profiles': SAVED_PROFILES } },
  // Fair mode: the address carries ?fair=1 before the fragment.
  { name: 'fair mode start', hash: '?fair=1#/', ready: '[data-testid="fair-start"] [data-testid^="preset-"]' },
  { name: 'fair mode settings', hash: '?fair=1#/settings', ready: '[data-testid="fair-on"]' },
  { name: 'start (unreadable saved data)', hash: '', ready: '[data-testid="notice"][data-kind="storage-corrupt"]', storage: { 'qz.profiles': '{"version":1,' } },
];
