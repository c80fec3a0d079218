/**
 * The three encodings a 1C client-bank file comes in, and an encoder for the two single-byte code pages.
 * Node and browsers decode windows-1251 and ibm866 with TextDecoder but cannot encode them, so the encoder's
 * table is built from the decoder over bytes 0x80–0xFF (no dependency, no copied table).
 */
export type ExchangeEncoding = 'windows-1251' | 'ibm866' | 'utf-8'

const tables = new Map<ExchangeEncoding, Map<string, number>>()

function encodeTable(encoding: 'windows-1251' | 'ibm866'): Map<string, number> {
  let table = tables.get(encoding)
  if (!table) {
    table = new Map()
    const high = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i)
    const chars = Array.from(new TextDecoder(encoding).decode(high))
    // A byte the code page leaves undefined decodes to U+FFFD; it must not become an encoding of U+FFFD.
    chars.forEach((ch, i) => ch !== '\uFFFD' && !table!.has(ch) && table!.set(ch, 0x80 + i))
    tables.set(encoding, table)
  }
  return table
}

/** Encodes text, or returns the first character the code page cannot represent. */
export function encodeText(
  text: string,
  encoding: ExchangeEncoding,
): { ok: true; value: Uint8Array } | { ok: false; char: string; index: number } {
  if (encoding === 'utf-8') return { ok: true, value: new TextEncoder().encode(text) }
  const table = encodeTable(encoding)
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) {
      out[i] = code
      continue
    }
    const byte = table.get(text[i]!)
    if (byte === undefined) return { ok: false, char: String.fromCodePoint(text.codePointAt(i)!), index: i }
    out[i] = byte
  }
  return { ok: true, value: out }
}

/** Every character the code page can write (for tests and generators). */
export function encodableCharacters(encoding: 'windows-1251' | 'ibm866'): string[] {
  return [...encodeTable(encoding).keys()]
}
