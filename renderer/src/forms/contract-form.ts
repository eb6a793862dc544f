import { useForm, type FieldPath, type FieldValues, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import i18next from 'i18next';
import type { z } from 'zod';
import { ApiError, errorMessage } from '../api/client';

// Forms check input with the contract's own schemas (shared/ipc), so a form accepts exactly what main
// accepts; the words of each problem come from the catalogue (forms.*), in the user's language.

interface IssueFacts {
  code: string;
  input?: unknown;
  expected?: string;
  format?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  /** Custom issues from shared schemas name the catalogue key of their words (see shared/server-url.ts). */
  params?: { words?: string };
}

/** A zod issue in the user's words. */
export function issueMessage(issue: IssueFacts): string {
  const empty = issue.input === undefined || issue.input === null || issue.input === '' || Number.isNaN(issue.input);
  switch (issue.code) {
    case 'invalid_type':
      if (empty) return i18next.t('forms.required');
      return issue.expected === 'int' ? i18next.t('forms.wholeNumber') : i18next.t('forms.invalid');
    case 'invalid_format':
      if (issue.format === 'email') return i18next.t('forms.email');
      if (issue.format === 'url') return i18next.t('forms.url');
      return i18next.t('forms.invalid');
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return i18next.t('forms.required');
      if (issue.origin === 'number') return i18next.t('forms.atLeast', { minimum: Number(issue.minimum) });
      return i18next.t('forms.invalid');
    case 'too_big':
      if (issue.origin === 'string') return i18next.t('forms.tooLong', { maximum: Number(issue.maximum) });
      if (issue.origin === 'number') return i18next.t('forms.atMost', { maximum: Number(issue.maximum) });
      return i18next.t('forms.invalid');
    case 'custom':
      return issue.params?.words && i18next.exists(issue.params.words)
        ? i18next.t(issue.params.words as 'forms.invalid')
        : i18next.t('forms.invalid');
    default:
      return i18next.t('forms.invalid');
  }
}

/** react-hook-form on a contract schema: validated on submit, then on every change of a field in error. */
export function useContractForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    ...options,
    resolver: zodResolver(schema as never, { error: (issue) => issueMessage(issue as IssueFacts) }) as never,
  });
}

/**
 * Puts a failure from main where the user will look: an AppError naming one of this form's fields lands
 * on that field; anything else on the form as a whole (`root.server`). Returns whether it hit a field.
 */
export function showServerError<V extends FieldValues>(
  form: UseFormReturn<V, unknown, unknown>,
  error: unknown,
  fields: readonly FieldPath<V>[],
): boolean {
  const field = error instanceof ApiError ? error.error.field : undefined;
  const validation = error instanceof ApiError && error.error.code === 'validation';
  const target = fields.find((name) => name === field || (field !== undefined && field.startsWith(`${name}.`)));
  if (target) {
    // On the field itself, "please check <field>" would repeat its label: say it is not valid.
    const message = validation ? i18next.t('forms.invalid') : errorMessage(error);
    form.setError(target, { type: 'server', message }, { shouldFocus: true });
    return true;
  }
  form.setError('root.server', { type: 'server', message: errorMessage(error) });
  return false;
}
