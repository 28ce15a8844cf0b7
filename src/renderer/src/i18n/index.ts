/**
 * English and Simplified Chinese. The first language follows the system
 * (navigator.languages); the user's choice in the app is remembered.
 */
import { createI18n } from 'vue-i18n'
import { en } from './en'
import { zhCN } from './zh-CN'
import { runsEn } from './runs-en'
import { runsZhCN } from './runs-zh-CN'
import { exploreEn } from './explore-en'
import { exploreZhCN } from './explore-zh-CN'
import { forecastEn } from './forecast-en'
import { forecastZhCN } from './forecast-zh-CN'
import { whatifEn } from './whatif-en'
import { whatifZhCN } from './whatif-zh-CN'

export const LOCALES = ['en', 'zh-CN'] as const
export type Locale = (typeof LOCALES)[number]

const STORAGE_KEY = 'hindsight.locale'

export function matchLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const lower = language.toLowerCase()
    if (lower.startsWith('zh')) return 'zh-CN'
    if (lower.startsWith('en')) return 'en'
  }
  return 'en'
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

export function initialLocale(): Locale {
  const saved = storage()?.getItem(STORAGE_KEY)
  if (saved === 'en' || saved === 'zh-CN') return saved
  const languages = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en']
  return matchLocale(languages)
}

export function rememberLocale(locale: Locale): void {
  storage()?.setItem(STORAGE_KEY, locale)
  if (globalThis.document) globalThis.document.documentElement.lang = locale
}

export function createAppI18n(locale: Locale = initialLocale()) {
  if (globalThis.document) globalThis.document.documentElement.lang = locale
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: {
      en: {
        ...en,
        runs: { ...en.runs, ...runsEn },
        browse: exploreEn,
        forecast: forecastEn,
        whatif: whatifEn
      },
      'zh-CN': {
        ...zhCN,
        runs: { ...zhCN.runs, ...runsZhCN },
        browse: exploreZhCN,
        forecast: forecastZhCN,
        whatif: whatifZhCN
      }
    }
  })
}
