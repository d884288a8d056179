import { createConsoleI18n } from '@campuspass/ui-shared/i18n'
import zhCN from './zh-CN'
import en from './en'

export { LOCALES, type Locale } from '@campuspass/ui-shared/i18n'

export const { i18n, setLocale } = createConsoleI18n('campuspass.operator.locale', { 'zh-CN': zhCN, en })
