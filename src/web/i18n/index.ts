import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Translations: one JSON per domain/feature in i18n/<lang>/<domain>.json; the file name is the namespace
 * (t('org:tree.title')). Swedish is the default and complete; English second. A new domain adds its files.
 */
type Dict = Record<string, unknown>;
const files = import.meta.glob<Dict>('./*/*.json', { eager: true, import: 'default' });

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'tillit.lang';

const resources: Record<string, Record<string, Dict>> = {};
for (const [path, dict] of Object.entries(files)) {
  const m = /^\.\/(\w+)\/([\w-]+)\.json$/.exec(path);
  if (!m) continue;
  (resources[m[1]] ??= {})[m[2]] = dict;
}

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'sv';
}

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'sv',
  ns: Object.keys(resources.sv ?? {}),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;
