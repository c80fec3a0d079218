import type { ExchangeEncoding } from './codepage'

/** What the header's `Кодировка=` value names, or null when it names nothing we know. */
export function encodingOf(declared: string | null): ExchangeEncoding | null {
  const v = (declared ?? '').trim().toLowerCase().replace(/[\s_]/g, '')
  if (v === 'windows' || v === 'windows-1251' || v === 'cp1251' || v === 'win1251' || v === '1251')
    return 'windows-1251'
  if (v === 'dos' || v === 'cp866' || v === 'ibm866' || v === '866') return 'ibm866'
  if (v === 'utf-8' || v === 'utf8') return 'utf-8'
  return null
}

const KEY_RX = /^\uFEFF?\s*Кодировка\s*=(.*)$/m

/**
 * Finds `Кодировка=` in the first lines without knowing the code page yet: the key is Cyrillic, so it is looked for
 * in both single-byte readings of the head of the file.
 */
function declaredIn(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 4096)
  for (const enc of ['windows-1251', 'ibm866'] as const) {
    const m = KEY_RX.exec(new TextDecoder(enc).decode(head))
    if (m) return m[1]!.trim()
  }
  return null
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false
  return true
}

export interface Decoded {
  text: string
  encoding: ExchangeEncoding
  declared: string | null
}

/**
 * Strict UTF-8 first (headers lie: files that say `Windows` are often UTF-8), then the declared code page
 * (`DOS` = ibm866, anything else = windows-1251). Pure ASCII reads the same in all three, so it keeps the declared one.
 */
export function decodeStatement(bytes: Uint8Array): Decoded {
  const inText = (text: string) => KEY_RX.exec(text.slice(0, 4096))?.[1]?.trim() ?? null
  if (isAscii(bytes)) {
    const text = new TextDecoder('utf-8').decode(bytes)
    const declared = inText(text)
    return { text, encoding: encodingOf(declared) ?? 'windows-1251', declared }
  }
  try {
    // fatal: any invalid sequence throws; the BOM, if any, is stripped.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return { text, encoding: 'utf-8', declared: inText(text) }
  } catch {
    const declared = declaredIn(bytes)
    const encoding = encodingOf(declared) === 'ibm866' ? 'ibm866' : 'windows-1251'
    return { text: new TextDecoder(encoding).decode(bytes), encoding, declared }
  }
}
