import { useT } from './i18n';
import { storageErrorMessage } from './storageErrorMessage';
import type { Saver } from './useSave';

/** Says, in plain words, that a change was not saved and why (nothing while every save succeeded). */
export function SaveFailure({ saver }: { saver: Saver }) {
  const { t } = useT();
  if (!saver.failure) return null;
  return (
    <div role="alert" className="banner error">
      <p>{t('saveFailed', { reason: storageErrorMessage(saver.failure, t) })}</p>
      <button type="button" className="button" onClick={saver.dismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}
