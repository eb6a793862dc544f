import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../api/hooks';

/** Asked only where the OS offers no real encryption for the stored token. */
export function StorageConsentDialog() {
  const { t } = useTranslation();
  const answer = useAction('session:answerStorage', { updates: 'session:get' });
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="storage-title" onCancel={(e) => e.preventDefault()}>
      <h2 id="storage-title">{t('storage.title')}</h2>
      <p>{t('storage.body')}</p>
      <div className="actions">
        <button type="button" onClick={() => answer.mutate({ storeUnencrypted: false })}>
          {t('storage.memory')}
        </button>
        <button type="button" className="primary" onClick={() => answer.mutate({ storeUnencrypted: true })}>
          {t('storage.store')}
        </button>
      </div>
    </dialog>
  );
}
