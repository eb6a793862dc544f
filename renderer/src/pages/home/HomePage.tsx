import { useTranslation } from 'react-i18next';
import { useInvoke } from '../../api/hooks';

export function HomePage() {
  const { t } = useTranslation();
  const info = useInvoke('app:info');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      {info.data ? (
        <>
          <h2>{t('home.about')}</h2>
          <dl className="facts" data-testid="app-info">
            <dt>{t('home.version')}</dt>
            <dd>{info.data.version}</dd>
            <dt>{t('home.platform')}</dt>
            <dd>{info.data.platform}</dd>
            <dt>{t('home.locale')}</dt>
            <dd>{info.data.locale}</dd>
          </dl>
        </>
      ) : null}
    </section>
  );
}
