import type { ReactNode } from 'react';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { useT } from '../../ui/i18n';
import { DEFAULT_OPTIONS_ID, type AppSettings, type DeckOptions, type LanguageSetting, type ThemeSetting } from '../../domain/types';
import { updateSettings } from '../../storage';
import { useDeckOptions } from '../../ui/data';
import { NumberField, OptionFields, SelectField } from './fields';

export function SettingsScreen({ settings, children }: { settings: AppSettings; children?: ReactNode }) {
  const { t } = useT();
  const options = useDeckOptions(DEFAULT_OPTIONS_ID);
  return (
    <>
      <ScreenHeader title={t('settingsTitle')} />
      <div className="settings">
        {options && <StudySettings options={options} settings={settings} />}
        <section aria-labelledby="appearance-heading">
          <h2 id="appearance-heading">{t('appearanceSection')}</h2>
          <SelectField
            label={t('theme')}
            value={settings.theme}
            choices={[
              ['system', t('themeSystem')],
              ['light', t('themeLight')],
              ['dark', t('themeDark')],
            ]}
            onChange={(theme) => void updateSettings({ theme: theme as ThemeSetting })}
          />
          <SelectField
            label={t('language')}
            value={settings.language}
            choices={[
              ['auto', t('languageAuto')],
              ['en', 'English'],
              ['ru', 'Русский'],
            ]}
            onChange={(language) => void updateSettings({ language: language as LanguageSetting })}
          />
        </section>
        {children}
      </div>
    </>
  );
}

function StudySettings({ options, settings }: { options: DeckOptions; settings: AppSettings }) {
  const { t } = useT();
  return (
    <section aria-labelledby="study-heading">
      <h2 id="study-heading">{t('studySection')}</h2>
      <p className="help">{t('sharedOptionsHelp')}</p>
      <OptionFields options={options} />
      <SelectField
        label={t('dayStartHour')}
        value={String(settings.dayStartHour)}
        choices={Array.from({ length: 24 }, (_, hour) => [String(hour), `${String(hour).padStart(2, '0')}:00`] as [string, string])}
        onChange={(hour) => void updateSettings({ dayStartHour: Number(hour) })}
      />
      <NumberField
        label={t('learnAheadMinutes')}
        value={settings.learnAheadMinutes}
        min={0}
        max={120}
        help={t('learnAheadHelp')}
        onCommit={(learnAheadMinutes) => void updateSettings({ learnAheadMinutes })}
      />
    </section>
  );
}
