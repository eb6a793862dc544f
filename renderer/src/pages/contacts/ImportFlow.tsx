import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { FileProblem, InputOf } from '../../../../shared/ipc';
import { call, errorMessage } from '../../api/client';
import { useAction } from '../../api/hooks';
import { channelKey } from '../../api/keys';
import { Button } from '../../ui';
import { DropZone, FileProblemMessage, toBase64 } from './FilePick';
import { ImportSteps } from './ImportSteps';
import { StepBar, StepHeading } from './StepBar';
import type { ContactsParams, ImportStep, SetContactsParams } from './params';

type PreflightInput = InputOf<'contacts:preflight'>;

/**
 * The import flow as numbered steps: 1 the file, 2 its columns, 3 the rows with problems, 4 the tag and the
 * Import button. Nothing is sent before that button; the preflight lives in main behind an id, and the URL
 * says which step is open, so a reload lands there.
 */
export function ImportFlow({ params, setParams }: { params: ContactsParams; setParams: SetContactsParams }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const pick = useAction('contacts:pickFile');
  const [problem, setProblem] = useState<{ name: string; problem: FileProblem } | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const read = params.preflight !== undefined && params.file !== undefined && !problem;
  const step: ImportStep = read ? (params.step ?? 'columns') : 'file';

  /** Runs a preflight and shows it (or why the file cannot be imported). A new file opens on its columns. */
  const runPreflight = async (input: PreflightInput, name: string) => {
    setFailure(null);
    setReading(name);
    try {
      const view = await call('contacts:preflight', input);
      if (!view.ok) {
        setProblem({ name, problem: view.problem });
        setParams({ file: undefined, preflight: undefined, step: undefined });
        return;
      }
      setProblem(null);
      queryClient.setQueryData(channelKey('contacts:preflightStatus', { preflightId: view.preflightId }), view);
      if (params.preflight && params.preflight !== view.preflightId)
        void call('contacts:closePreflight', { preflightId: params.preflight }).catch(() => {});
      const newFile = input.fileId !== params.file;
      setParams({
        file: input.fileId,
        preflight: view.preflightId,
        ...(newFile ? { step: 'columns' as const, show: 'all' as const } : {}),
      });
    } catch (error) {
      setFailure(error);
    } finally {
      setReading(null);
    }
  };

  // A file dropped on the page: its bytes go to main (the user chose to give them), which keeps them behind an id.
  const dropped = async (file: File) => {
    setFailure(null);
    setReading(file.name);
    try {
      const picked = await call('contacts:dropFile', { name: file.name, data: toBase64(new Uint8Array(await file.arrayBuffer())) });
      await runPreflight({ fileId: picked.fileId }, picked.name);
    } catch (error) {
      setFailure(error);
      setReading(null);
    }
  };

  const choose = () =>
    pick.mutate(undefined, {
      onSuccess: (file) => {
        if (file) void runPreflight({ fileId: file.fileId }, file.name);
      },
    });
  const close = () => {
    if (params.preflight) void call('contacts:closePreflight', { preflightId: params.preflight }).catch(() => {});
    setParams({ view: 'registry', file: undefined, preflight: undefined, show: 'all', step: undefined });
  };

  const chooser = (
    <Button variant={params.preflight ? 'secondary' : 'primary'} onClick={choose} disabled={pick.isPending || reading !== null}>
      {pick.isPending
        ? t('contacts.flow.choosing')
        : params.preflight || problem
          ? t('contacts.flow.chooseAnother')
          : t('contacts.flow.choose')}
    </Button>
  );

  return (
    <>
      <header className="page-header">
        <h1 id="page-title">{t('contacts.flow.title')}</h1>
        <Button onClick={close}>{t('contacts.flow.close')}</Button>
      </header>
      {!read ? (
        <>
          <StepBar current="file" reachable={false} onStep={() => {}} fileName={null} />
          <StepHeading step="file" />
        </>
      ) : null}
      {!read && !problem ? (
        <DropZone
          chooser={chooser}
          onDrop={(file) => void dropped(file)}
          onTooLarge={() => setFailure(new Error(t('contacts.flow.dropTooLarge')))}
        />
      ) : null}
      {reading ? (
        <p role="status" className="muted">
          {t('contacts.flow.reading', { name: reading })}
        </p>
      ) : null}
      {pick.error || failure ? (
        <p role="alert" className="error">
          {errorMessage(pick.error ?? failure)}
        </p>
      ) : null}
      {problem ? <FileProblemMessage name={problem.name} problem={problem.problem} action={chooser} /> : null}
      {read ? (
        <ImportSteps
          key={params.file}
          fileId={params.file!}
          preflightId={params.preflight!}
          step={step}
          show={params.show}
          setParams={setParams}
          onStep={(next) => setParams({ step: next })}
          rerun={runPreflight}
          chooser={chooser}
          busy={reading !== null}
        />
      ) : null}
    </>
  );
}
