import { createI18n } from 'vue-i18n'
import { Locale as VantLocale } from 'vant'
import vantEnUS from 'vant/es/locale/lang/en-US'
import vantZhCN from 'vant/es/locale/lang/zh-CN'
import zhCN from './zh-CN'
import en from './en'

export type Locale = 'zh-CN' | 'en'

const STORAGE_KEY = 'campuspass.portal.locale'

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

export function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  VantLocale.use(locale, locale === 'en' ? vantEnUS : vantZhCN)
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

export function setLocale(locale: Locale): void {
  applyLocale(locale)
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
