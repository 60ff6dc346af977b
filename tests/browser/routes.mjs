// Every route of the app, for tests that visit them all (axe, no-other-origin).
// `ready` is a selector that shows the route has rendered. Add new routes here.
export const ROUTES = [
  { name: 'home', hash: '', ready: 'h1' },
  { name: 'questions', hash: '#/questions', ready: 'h1' },
  { name: 'results', hash: '#/results', ready: 'h1' },
  { name: 'library', hash: '#/library', ready: 'h1' },
  { name: 'library measure', hash: '#/library/%E5%9B%9B.2(4)', ready: 'h1' },
  { name: 'targets', hash: '#/targets', ready: 'h1' },
  { name: 'profiles', hash: '#/profiles', ready: 'h1' },
  { name: 'about', hash: '#/about', ready: 'h1' },
  { name: 'not found', hash: '#/no-such-page', ready: 'h1' },
];
