import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import styles from './Dialog.module.css';

/**
 * A modal dialog on the native <dialog> (focus trap, Escape and the backdrop come from the browser).
 * `onDismiss` absent: the user must answer (Escape does nothing).
 */
export function Dialog({
  title,
  children,
  actions,
  onDismiss,
}: {
  title: ReactNode;
  children: ReactNode;
  actions: ReactNode;
  onDismiss?: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    // jsdom has no showModal; the open attribute keeps the dialog usable there.
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      // The browser focuses the first button; a dialog whose safer answer is not first marks it instead.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
  }, []);
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss?.();
      }}
    >
      <h2 id={titleId} className={styles.title}>
        {title}
      </h2>
      {children}
      <div className={styles.actions}>{actions}</div>
    </dialog>
  );
}

/**
 * A question before a step that cannot be taken back: the message, then Cancel and the step itself.
 * `busy` keeps the step from being pressed twice while it runs; Escape and Cancel both call `onCancel`.
 */
export function ConfirmDialog({
  title,
  children,
  confirm,
  cancel,
  busy,
  onConfirm,
  onCancel,
}: {
  title: ReactNode;
  children: ReactNode;
  /** The step's own words ("Remove", "Send again"); "Yes" when left out. */
  confirm?: ReactNode;
  /** "Cancel" when left out. */
  cancel?: ReactNode;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={title}
      onDismiss={onCancel}
      actions={
        <>
          <Button onClick={onCancel}>{cancel ?? t('common.cancel')}</Button>
          <Button variant="primary" disabled={busy} onClick={onConfirm}>
            {confirm ?? t('common.yes')}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
