import { useTranslation } from 'react-i18next';
import type { ScreenId } from '../../app/screens';

/** Screens that exist in the navigation but have no content yet say so plainly. */
export function PlaceholderPage({ section }: { section: ScreenId }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t(`nav.${section}`)}</h1>
      <p className="muted">{t('placeholder.body')}</p>
    </section>
  );
}
