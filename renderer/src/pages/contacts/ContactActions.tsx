import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { ContactView, TagFieldView } from '../../../../shared/ipc';
import { call, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { Button, ConfirmDialog, Dialog } from '../../ui';
import styles from './ContactsPage.module.css';

// What a person can do with one contact from its row: correct its name, opt it out (or back in, after a
// question), remove it from the tag here. The gateway has no endpoint to change or delete a contact, so the
// dialogs say what stays there.

export type ContactStep = 'edit' | 'opt-out' | 'opt-in' | 'remove';

/** The row's buttons: each opens its dialog (kept by the list, outside the virtualised table). */
export function ContactRowButtons({ contact, onStep }: { contact: ContactView; onStep: (step: ContactStep) => void }) {
  const { t } = useTranslation();
  const who = contact.name || contact.phone;
  return (
    <span className={styles.rowActions}>
      <Button variant="link" onClick={() => onStep('edit')} aria-label={t('contacts.manage.editLabel', { who })}>
        {t('contacts.manage.edit')}
      </Button>
      {contact.optedOut ? (
        <Button variant="link" onClick={() => onStep('opt-in')} aria-label={t('contacts.manage.optInLabel', { who })}>
          {t('contacts.manage.optIn')}
        </Button>
      ) : (
        <Button variant="link" onClick={() => onStep('opt-out')} aria-label={t('contacts.manage.optOutLabel', { who })}>
          {t('contacts.manage.optOut')}
        </Button>
      )}
      <Button variant="link" onClick={() => onStep('remove')} aria-label={t('contacts.manage.removeLabel', { who })}>
        {t('contacts.manage.remove')}
      </Button>
    </span>
  );
}

export function ContactDialog({
  tagId,
  tagTitle,
  contact,
  fields = [],
  step,
  onClose,
}: {
  tagId: number;
  tagTitle: string;
  contact: ContactView;
  /** The tag's kept fields ({cidade} ← "Cidade"): editable with the name. */
  fields?: readonly TagFieldView[];
  step: ContactStep;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(contact.name);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.key, contact.fields?.[f.key] ?? ''])),
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const who = contact.name || contact.phone;

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: keys.contacts.all });
      onClose();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const close = onClose;
  const problem = failure ? (
    <p role="alert" className="error">
      {errorMessage(failure)}
    </p>
  ) : null;

  return (
    <>
      {step === 'edit' ? (
        <Dialog
          title={t('contacts.manage.editTitle', { phone: contact.phone })}
          onDismiss={close}
          actions={
            <>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button
                variant="primary"
                disabled={busy}
                onClick={() =>
                  void run(() =>
                    call('contacts:updateContact', { tagId, phone: contact.phone, name, ...(fields.length > 0 ? { fields: values } : {}) }),
                  )
                }
              >
                {t('contacts.manage.save')}
              </Button>
            </>
          }
        >
          <label className={styles.dialogField}>
            {t('contacts.list.name')}
            <input type="text" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
          </label>
          <p className="hint">{t('contacts.manage.editHint')}</p>
          {fields.length > 0 ? (
            <fieldset className={styles.dialogFields} data-testid="contact-fields">
              <legend>{t('contacts.manage.fields')}</legend>
              {fields.map((field) => (
                <label key={field.key} className={styles.dialogField}>
                  <span>
                    {field.header} <code className={styles.fieldKey}>{`{${field.key}}`}</code>
                  </span>
                  <input
                    type="text"
                    value={values[field.key] ?? ''}
                    maxLength={500}
                    onChange={(event) => setValues((current) => ({ ...current, [field.key]: event.target.value }))}
                  />
                </label>
              ))}
              <p className="hint">{t('contacts.manage.fieldsHint', { example: `{${fields[0]!.key}}` })}</p>
            </fieldset>
          ) : null}
          {problem}
        </Dialog>
      ) : null}
      {step === 'opt-out' || step === 'opt-in' ? (
        <ConfirmDialog
          title={t(step === 'opt-out' ? 'contacts.manage.optOutTitle' : 'contacts.manage.optInTitle', { who })}
          confirm={t(step === 'opt-out' ? 'contacts.manage.optOut' : 'contacts.manage.optIn')}
          busy={busy}
          onCancel={close}
          onConfirm={() =>
            void run(() =>
              step === 'opt-out' ? call('optouts:add', { phones: [contact.phone] }) : call('optouts:remove', { phones: [contact.phone] }),
            )
          }
        >
          <p>{t(step === 'opt-out' ? 'contacts.manage.optOutBody' : 'contacts.manage.optInBody', { phone: contact.phone })}</p>
          {problem}
        </ConfirmDialog>
      ) : null}
      {step === 'remove' ? (
        <ConfirmDialog
          title={t('contacts.manage.removeTitle', { who, tag: tagTitle })}
          confirm={t('contacts.manage.remove')}
          busy={busy}
          onCancel={close}
          onConfirm={() => void run(() => call('contacts:removeContact', { tagId, phone: contact.phone }))}
        >
          <p>{t('contacts.manage.removeBody', { tag: tagTitle })}</p>
          {problem}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
