import { Link, isRouteErrorResponse, useLocation, useNavigate, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';
import { Button } from '../ui/Button';
import { HOME, screenPath } from './screens';
import styles from './RouteError.module.css';

/** Shown in place of a screen that failed to render: what happened, and a way back. Never a blank window. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const detail = notFound ? null : errorMessage(error);
  return (
    <section className={styles.box} role="alert" aria-labelledby="route-error-title" data-testid="route-error">
      <h1 id="route-error-title">{notFound ? t('routeError.notFound') : t('routeError.title')}</h1>
      {notFound ? null : <p>{t('routeError.body')}</p>}
      {detail ? (
        <details>
          <summary>{t('routeError.details')}</summary>
          <p className={styles.detail}>{detail}</p>
        </details>
      ) : null}
      <div className={styles.actions}>
        {notFound ? null : (
          // A new navigation to the same place resets the boundary and renders the screen again.
          <Button onClick={() => void navigate({ pathname: location.pathname, search: location.search }, { replace: true })}>
            {t('routeError.retry')}
          </Button>
        )}
        <Link className={styles.home} to={screenPath(HOME)}>
          {t('routeError.back')}
        </Link>
      </div>
    </section>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section className={styles.box} aria-labelledby="route-error-title" data-testid="route-error">
      <h1 id="route-error-title">{t('routeError.notFound')}</h1>
      <div className={styles.actions}>
        <Link className={styles.home} to={screenPath(HOME)}>
          {t('routeError.back')}
        </Link>
      </div>
    </section>
  );
}
