// electron-builder afterPack hook: writes resources/THIRD_PARTY_NOTICES.txt, the licence of
// every package packed into app.asar. Most packages ship their licence file; a few (tfjs,
// seedrandom, the canvas' platform binary) only name it in package.json, so the standard
// text from build/licenses/<SPDX id>.txt is appended once for those. A licence with neither
// stops the build: a new dependency must bring its licence text.
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import asar from '@electron/asar'

const here = dirname(fileURLToPath(import.meta.url))
/** A package folder's manifest, at any depth of node_modules (not package.json files inside packages). */
const MANIFEST = /^(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)+\/package\.json$/
const LICENCE_FILE = /^(?:licen[cs]e|copying|notice)(?:[.-][^/]*)?$/i

function spdx(license) {
  if (typeof license === 'string') return license
  if (license && typeof license.type === 'string') return license.type
  return null
}

/** The notices text for the packages in an asar. */
export function thirdPartyNotices(asarPath, productName) {
  const files = asar.listPackage(asarPath, { isPack: false }).map((f) => f.replace(/\\/g, '/'))
  const read = (f) => asar.extractFile(asarPath, f.slice(1)).toString('utf8')
  const standard = new Set()
  const entries = []
  for (const manifest of files.filter((f) => MANIFEST.test(f)).sort()) {
    const folder = manifest.slice(0, -'/package.json'.length)
    const meta = JSON.parse(read(manifest))
    const id = spdx(meta.license)
    const own = files.filter(
      (f) => f.startsWith(`${folder}/`) && !f.slice(folder.length + 1).includes('/')
    )
    const licenceFiles = own.filter((f) => LICENCE_FILE.test(f.slice(folder.length + 1)))
    let body = licenceFiles.map((f) => read(f).trim()).join('\n\n')
    if (body === '') {
      if (id === null)
        throw new Error(`${meta.name}: no licence file and no licence in package.json`)
      // An SPDX expression ("Apache-2.0 AND MIT"): the text of each licence it names.
      for (const one of id.replace(/[()]/g, ' ').split(/\s+(?:AND|OR|WITH)\s+/)) {
        standard.add(one.trim())
      }
      body = `Licensed under ${id}; the standard text is at the end of this file.`
    }
    const author = typeof meta.author === 'string' ? meta.author : meta.author?.name
    entries.push(
      `${meta.name}@${meta.version} — ${id ?? 'see below'}${author ? ` — ${author}` : ''}\n\n${body}`
    )
  }
  const texts = [...standard].sort().map((id) => {
    let text
    try {
      text = readFileSync(join(here, 'licenses', `${id}.txt`), 'utf8')
    } catch {
      throw new Error(`no standard text for licence ${id}: add build/licenses/${id}.txt`)
    }
    return `${id}\n\n${text.trim()}`
  })
  const rule = `\n\n${'='.repeat(78)}\n\n`
  return [
    `${productName} includes the following ${entries.length} packages. Each is listed with its licence.`,
    ...entries,
    ...texts
  ].join(rule)
}

export default async function afterPack(context) {
  const resources = context.packager.getResourcesDir(context.appOutDir)
  const text = thirdPartyNotices(join(resources, 'app.asar'), context.packager.appInfo.productName)
  writeFileSync(join(resources, 'THIRD_PARTY_NOTICES.txt'), `${text}\n`)
}
