// The consoles' i18n set-up: Simplified Chinese first, English second, the choice kept per console in
// localStorage and mirrored on <html lang>.
import { createI18n, type I18nOptions } from 'vue-i18n'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
]

function storedLocale(storageKey: string): Locale {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

/** One console's vue-i18n instance (composition mode) and the setter its language switch calls. */
export function createConsoleI18n(storageKey: string, messages: { 'zh-CN': object; en: object }) {
  const i18n = createI18n<false>({
    legacy: false,
    locale: storedLocale(storageKey),
    fallbackLocale: 'zh-CN',
    messages: messages as I18nOptions['messages'],
  })
  function setLocale(locale: Locale): void {
    i18n.global.locale.value = locale
    document.documentElement.lang = locale
    try {
      localStorage.setItem(storageKey, locale)
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
  return { i18n, setLocale }
}
