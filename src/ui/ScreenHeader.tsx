import { useT } from './i18n';
import { Link } from './Link';

/** The top of a secondary screen: a way back home and the screen's title. */
export function ScreenHeader({ title }: { title: string }) {
  const { t } = useT();
  return (
    <header className="screen-header">
      <Link href="/" className="button ghost">
        {t('home')}
      </Link>
      <h1>{title}</h1>
    </header>
  );
}
