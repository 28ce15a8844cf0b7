import { escapeHtml as esc } from './escape-html'
import { reportFontFaces } from './fonts'

/** Nothing but inline styles and data: images and fonts: a report loads nothing from anywhere. */
export const REPORT_CSP =
  "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'"

/**
 * The one shell of every HTML report: strict CSP, the bundled font faces the
 * text needs (`fontText`: every string that will be shown), the report's own
 * style, then its body.
 */
export function reportDocument(parts: {
  title: string
  fontText: string
  style: string
  body: string
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Hindsight">
<title>${esc(parts.title)}</title>
<style>${reportFontFaces(parts.fontText)}${parts.style}</style>
</head>
<body>
${parts.body}
</body>
</html>
`
}
