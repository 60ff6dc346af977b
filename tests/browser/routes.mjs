// Every route of the app, for tests that visit them all (axe, no-other-origin).
// `ready` is a selector that shows the route has rendered.
export const ROUTES = [
  { name: 'home', hash: '', ready: 'h1' },
];
