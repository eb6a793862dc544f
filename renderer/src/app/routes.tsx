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
      ...SCREENS.map(({ id, Component }) => ({
        path: id,
        ErrorBoundary: RouteError,
        element: <Component />,
      })),
      { path: '*', element: <NotFound /> },
    ],
  },
];

/** The app's router: the hash keeps the screen and its filters across a reload (the app is a file, not a site). */
export const createAppRouter = () => createHashRouter(routes);
