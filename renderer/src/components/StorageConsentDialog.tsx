import { useTranslation } from 'react-i18next';
import { useAction } from '../api/hooks';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';

/**
 * Asked only where the OS offers no real encryption for the stored token. The safer answer (keep it for this
 * session only) is the primary button and has the focus, so Enter never stores a token unencrypted.
 */
export function StorageConsentDialog() {
  const { t } = useTranslation();
  const answer = useAction('session:answerStorage', { writes: 'session:changed' });
  return (
    <Dialog
      title={t('storage.title')}
      actions={
        <>
          <Button onClick={() => answer.mutate({ storeUnencrypted: true })}>{t('storage.store')}</Button>
          <Button variant="primary" data-autofocus onClick={() => answer.mutate({ storeUnencrypted: false })}>
            {t('storage.memory')}
          </Button>
        </>
      }
    >
      <p>{t('storage.body')}</p>
    </Dialog>
  );
}
