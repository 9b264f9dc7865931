import { Link } from '../../app/Link';
import { useT } from '../../app/i18n';

/** Import screen (file picker, preview, confirm). */
export default function ImportScreen() {
  const { t } = useT();
  return (
    <>
      <header className="screen-header">
        <Link href="/" className="button ghost">
          {t('home')}
        </Link>
        <h1>{t('importTitle')}</h1>
      </header>
      <div />
    </>
  );
}
