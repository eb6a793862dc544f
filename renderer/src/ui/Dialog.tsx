import { useEffect, useId, useRef, type ReactNode } from 'react';
import styles from './Dialog.module.css';

/**
 * A modal dialog on the native <dialog> (focus trap, Escape and the backdrop come from the browser).
 * `onDismiss` absent: the user must answer (Escape does nothing).
 */
export function Dialog({ title, children, actions, onDismiss }: { title: ReactNode; children: ReactNode; actions: ReactNode; onDismiss?: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    // jsdom has no showModal; the open attribute keeps the dialog usable there.
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
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
