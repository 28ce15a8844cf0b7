/**
 * The renderer's Content-Security-Policy, one string for both faces: Electron
 * sends it as a header and the browser-mode bridge serves it with every page.
 * It mirrors the meta tag in src/renderer/index.html (a test keeps them equal).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'"
].join('; ')
