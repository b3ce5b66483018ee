import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Translations: one JSON per domain/feature in i18n/<lang>/<domain>.json; the file name is the namespace
 * (t('org:tree.title')). Swedish is the default and complete; English second. A new domain adds its files.
 */
type Dict = Record<string, unknown>;
// Swedish is in the JavaScript every page loads; English (as large) is fetched when it is chosen, so that the
// up-front JavaScript stays small (web-initial-js: English was 30 KB of it, gzip).
const swedish = import.meta.glob<Dict>('./sv/*.json', { eager: true, import: 'default' });
const english = import.meta.glob<Dict>('./en/*.json', { import: 'default' });

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'tillit.lang';

const namespaceOf = (path: string) => /^\.\/\w+\/([\w-]+)\.json$/.exec(path)?.[1];
const resources: Record<string, Record<string, Dict>> = { sv: {} };
for (const [path, dict] of Object.entries(swedish)) {
  const ns = namespaceOf(path);
  if (ns) resources.sv[ns] = dict;
}

let englishLoaded: Promise<void> | undefined;
/** Fetches the English strings once (every namespace), for the switch and for a start in English. */
function loadEnglish(): Promise<void> {
  englishLoaded ??= Promise.all(Object.entries(english).map(async ([path, load]) => {
    const ns = namespaceOf(path);
    if (ns) i18n.addResourceBundle('en', ns, await load(), true, true);
  })).then(() => undefined);
  return englishLoaded;
}

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'sv';
}

/** Switches the language (English is fetched first, once) and remembers the choice. */
export async function setLanguage(lang: Language) {
  if (lang === 'en') await loadEnglish();
  await i18n.changeLanguage(lang);
  localStorage.setItem(STORAGE_KEY, lang);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

const initial = initialLanguage();
void i18n.use(initReactI18next).init({
  resources,
  lng: 'sv',
  fallbackLng: 'sv',
  ns: Object.keys(resources.sv ?? {}),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/**
 * Settles when the strings of the language the app starts in are there (main.tsx renders then). Should English not
 * come, the app starts in Swedish.
 */
export const i18nReady: Promise<unknown> = initial === 'en' ? loadEnglish().then(() => i18n.changeLanguage('en')).catch(() => undefined) : Promise.resolve();

export default i18n;
