/** "Not found" for an unknown path or an id that names nothing, with a way home. */
import { useT } from './i18n';
import { Link } from './Link';

export function NotFound({ text }: { text?: string }) {
  const { t } = useT();
  return (
    <section aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFoundTitle')}</h1>
      <p>{text ?? t('notFoundText')}</p>
      <Link href="/" className="button primary">
        {t('backHome')}
      </Link>
    </section>
  );
}

export default NotFound;
