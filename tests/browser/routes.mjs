// Every route of the app, for tests that visit them all (axe, no-other-origin).
// `ready` is a selector that shows the route has rendered. Add new routes here.
export const ROUTES = [
  { name: 'home', hash: '', ready: 'h1' },
  { name: 'questions', hash: '#/questions', ready: 'h1' },
  { name: 'results', hash: '#/results', ready: '[data-testid="results-screen"] [data-testid="plan-notice"]' },
  { name: 'library', hash: '#/library', ready: '[data-testid="library-count"]' },
  { name: 'library measure', hash: '#/library/%E5%9B%9B.2(4)', ready: '[data-testid="measure-四.2(4)"] h1' },
  { name: 'targets', hash: '#/targets', ready: '[data-testid="targets-screen"] svg[role="img"]' },
  { name: 'profiles', hash: '#/profiles', ready: 'h1' },
  { name: 'about', hash: '#/about', ready: '[data-testid="about-version"]' },
  { name: 'compare', hash: '#/compare', ready: 'h1' },
  { name: 'receipt', hash: '#/receipt', ready: 'h1' },
  { name: 'settings', hash: '#/settings', ready: 'h1' },
  { name: 'share (broken link)', hash: '#/share/not-a-link', ready: 'h1' },
  { name: 'not found', hash: '#/no-such-page', ready: 'h1' },
];
