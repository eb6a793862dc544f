import { Navigate, createHashRouter, type RouteObject } from 'react-router';
import { RouteError, NotFound } from './RouteError';
import { SCREENS, HOME, screenPath } from './screens';
import { SessionGate } from './SessionGate';

// One route per screen under the session gate; each screen has its own error boundary, so a bad value
// shows a message and a way back in place of that screen while the navigation stays usable.

export const routes: RouteObject[] = [
  {
    path: '/',
    Component: SessionGate,
    ErrorBoundary: RouteError,
    children: [
      { index: true, element: <Navigate to={screenPath(HOME)} replace /> },
      // The router fetches a screen's chunk before it navigates there, so the screen on view stays until
      // the next one can render (no blank flash), and a chunk that fails to load lands in RouteError.
      ...SCREENS.map(({ id, load }) => ({
        path: id,
        ErrorBoundary: RouteError,
        // The function form: the object form empties its own object once loaded, which would leave a
        // second router over these same routes (tests make one per case) without the screen.
        lazy: async () => ({ Component: await load() }),
      })),
      { path: '*', element: <NotFound /> },
    ],
  },
];

/** The app's router: the hash keeps the screen and its filters across a reload (the app is a file, not a site). */
export const createAppRouter = () => createHashRouter(routes);
