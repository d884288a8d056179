import { createI18n } from 'vue-i18n'
import { Locale as VantLocale } from 'vant'
import vantZhCN from 'vant/es/locale/lang/zh-CN'
import zhCN from './zh-CN'

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
  // Only Chinese ships with the first load (the phone's first open has a byte budget); English is fetched when chosen.
  messages: { 'zh-CN': zhCN } as Record<string, typeof zhCN>,
})

let vantEnUS: Parameters<typeof VantLocale.use>[1] | null = null

async function loadEnglish(): Promise<void> {
  if (vantEnUS) return
  const [en, vant] = await Promise.all([import('./en'), import('vant/es/locale/lang/en-US')])
  i18n.global.setLocaleMessage('en', en.default)
  vantEnUS = vant.default
}

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

export async function applyLocale(locale: Locale): Promise<void> {
  if (locale === 'en') await loadEnglish()
  i18n.global.locale.value = locale
  VantLocale.use(locale, locale === 'en' && vantEnUS ? vantEnUS : vantZhCN)
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

export async function setLocale(locale: Locale): Promise<void> {
  await applyLocale(locale)
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
