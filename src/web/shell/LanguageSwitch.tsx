import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

/** Switches between Svenska and English; the button names the other language in that language. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const toEnglish = !i18n.language.startsWith('en');
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      lang={toEnglish ? 'en' : 'sv'}
      onClick={() => void setLanguage(toEnglish ? 'en' : 'sv')}
    >
      {toEnglish ? 'English' : 'Svenska'}
    </Button>
  );
}
