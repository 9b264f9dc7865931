import type { ReactNode } from 'react';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { useScreenT } from '../../ui/i18n';
import { SETTINGS_MESSAGES, type SettingsMessageKey } from '../../ui/i18n/screens/settings';
import {
  DEFAULT_OPTIONS_ID,
  LANGUAGE_SETTINGS,
  THEME_SETTINGS,
  type AppSettings,
  type DeckOptions,
  type LanguageSetting,
  type ThemeSetting,
} from '../../domain/types';
import { updateSettings } from '../../storage';
import { useDeckOptions } from '../../ui/data';
import { SaveFailure } from '../../ui/SaveFailure';
import { useSave } from '../../ui/useSave';
import { NumberField, OptionFields, SelectField } from './fields';
import { DecksSection } from './DecksSection';

/** What each choice is called: the themes in the user's language, each language in its own. */
const THEME_MESSAGES = { system: 'themeSystem', light: 'themeLight', dark: 'themeDark' } as const satisfies Record<ThemeSetting, SettingsMessageKey>;
const LANGUAGE_MESSAGES = {
  auto: 'languageAuto',
  en: 'languageEnglish',
  ru: 'languageRussian',
} as const satisfies Record<LanguageSetting, SettingsMessageKey>;

export function SettingsScreen({ settings, children }: { settings: AppSettings; children?: ReactNode }) {
  const ts = useScreenT(SETTINGS_MESSAGES);
  const options = useDeckOptions(DEFAULT_OPTIONS_ID);
  const saver = useSave();
  return (
    <>
      <ScreenHeader title={ts('settingsTitle')} />
      <div className="settings">
        <DecksSection />
        {options && <StudySettings options={options} settings={settings} />}
        <section aria-labelledby="appearance-heading">
          <h2 id="appearance-heading">{ts('appearanceSection')}</h2>
          <SelectField
            label={ts('theme')}
            value={settings.theme}
            choices={THEME_SETTINGS.map((theme) => ({ value: theme, text: ts(THEME_MESSAGES[theme]) }))}
            onChange={(theme) => void saver.save(() => updateSettings({ theme }))}
          />
          <SelectField
            label={ts('language')}
            value={settings.language}
            choices={LANGUAGE_SETTINGS.map((language) => ({ value: language, text: ts(LANGUAGE_MESSAGES[language]) }))}
            onChange={(language) => void saver.save(() => updateSettings({ language }))}
          />
          <SaveFailure saver={saver} />
        </section>
        {children}
      </div>
    </>
  );
}

function StudySettings({ options, settings }: { options: DeckOptions; settings: AppSettings }) {
  const ts = useScreenT(SETTINGS_MESSAGES);
  const saver = useSave();
  return (
    <section aria-labelledby="study-heading">
      <h2 id="study-heading">{ts('studySection')}</h2>
      <p className="help">{ts('sharedOptionsHelp')}</p>
      <OptionFields options={options} saver={saver} />
      <SelectField
        label={ts('dayStartHour')}
        value={String(settings.dayStartHour)}
        choices={Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), text: `${String(hour).padStart(2, '0')}:00` }))}
        onChange={(hour) => void saver.save(() => updateSettings({ dayStartHour: Number(hour) }))}
      />
      <NumberField
        label={ts('learnAheadMinutes')}
        value={settings.learnAheadMinutes}
        min={0}
        max={120}
        help={ts('learnAheadHelp')}
        onCommit={(learnAheadMinutes) => saver.save(() => updateSettings({ learnAheadMinutes }))}
      />
      <SaveFailure saver={saver} />
    </section>
  );
}
