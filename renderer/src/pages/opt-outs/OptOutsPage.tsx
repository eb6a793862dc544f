import { useTranslation } from 'react-i18next';
import { OptOutList } from '../campaigns/OptOutList';
import page from '../../composer/sending.module.css';

/** The opt-out list as a screen of its own, one click from the sidebar (it used to sit under the campaigns). */
export function OptOutsPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title" className={page.page}>
      <h1 id="page-title">{t('campaigns.optOuts.title')}</h1>
      <OptOutList />
    </section>
  );
}
