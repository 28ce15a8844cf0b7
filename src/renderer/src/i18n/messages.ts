/**
 * Messages that come with a code (errors, engine and backend notices, data
 * warnings): said in the user's language when a table knows the code and the
 * message carries every value the translation names, else in the English text
 * that came with it. Tables are plain `{name}` templates, one per feature and
 * language; add a feature's table to TABLES below.
 */
import { useI18n } from 'vue-i18n'
import type { CodedMessage, UserError } from '../../../shared/domain'
import { codesEn } from './codes-en'
import { codesZhCN } from './codes-zh-CN'
import { dataCodesZhCN } from './data-codes-zh-CN'
import { exploreCodesZhCN } from './explore-codes-zh-CN'
import { forecastCodesZhCN } from './forecast-codes-zh-CN'

export type CodeTable = Readonly<Record<string, string>>

const TABLES: Readonly<Record<string, readonly CodeTable[]>> = {
  en: [codesEn],
  'zh-CN': [dataCodesZhCN, exploreCodesZhCN, forecastCodesZhCN, codesZhCN]
}

/** What a message may fill in: its params, and an error's file, row and column. */
function valuesOf(message: CodedMessage | UserError): Record<string, string | number> {
  const where = message as Partial<UserError>
  return {
    ...(where.file === undefined ? {} : { file: where.file }),
    ...(where.row === undefined ? {} : { row: where.row }),
    ...(where.column === undefined ? {} : { column: where.column }),
    ...(message.params ?? {})
  }
}

export function templateFor(locale: string, code: string): string | null {
  for (const table of TABLES[locale] ?? []) {
    const template = table[code]
    if (template !== undefined) return template
  }
  return null
}

/**
 * Fill `{name}` placeholders; null when the template names a value that is
 * missing (then the caller falls back to the English text rather than show a
 * hole). Numbers are formatted for the locale.
 */
export function fillTemplate(
  template: string,
  values: Record<string, string | number>,
  locale: string
): string | null {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 })
  let complete = true
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) {
      complete = false
      return ''
    }
    return typeof value === 'number' ? format.format(value) : value
  })
  return complete ? text : null
}

/** A coded message in `locale`, falling back to the English text it carries. */
export function sayMessage(locale: string, message: CodedMessage | UserError): string {
  const template = templateFor(locale, message.code)
  if (template === null) return message.message
  return fillTemplate(template, valuesOf(message), locale) ?? message.message
}

/** `say(message)` in the current UI language (reactive: it reads the locale). */
export function useMessages(): {
  say(message: CodedMessage | UserError | null | undefined): string
} {
  const { locale } = useI18n()
  return {
    say: (message) => (message ? sayMessage(locale.value, message) : '')
  }
}
