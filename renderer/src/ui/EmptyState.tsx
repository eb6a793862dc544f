import type { ReactNode } from 'react';
import styles from './EmptyState.module.css';

/** What a screen shows when it has nothing yet: what this place is for and, if any, the next step. */
export function EmptyState({ title, children, action }: { title?: ReactNode; children: ReactNode; action?: ReactNode }) {
  return (
    <div className={styles.empty} data-testid="empty-state">
      {title ? <p className={styles.title}>{title}</p> : null}
      <p className={styles.body}>{children}</p>
      {action ? <div className={styles.action}>{action}</div> : null}
    </div>
  );
}
