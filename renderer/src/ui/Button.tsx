import type { ButtonHTMLAttributes } from 'react';
import styles from './Button.module.css';

export type ButtonVariant = 'secondary' | 'primary' | 'link';

/** A button that is never a form submit by accident (type="button" unless asked). */
export function Button({
  variant = 'secondary',
  className,
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  const classes = [styles.button, variant === 'secondary' ? '' : styles[variant], className].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...props} />;
}
