import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { ok, type Result } from '../result'
import { canonicalJson } from './canonical-json'
import type { ProcessError } from '../sales-errors'

/**
 * SHA-256 of a string's UTF-8 bytes, as 64 lowercase hex digits. @noble/hashes (audited, synchronous, no
 * dependencies) keeps the rules free of WebCrypto's promises and of Node's crypto.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)))
}

/** SHA-256 over the canonical JSON of `value`: equal content, equal fingerprint, whatever the key order. */
export function fingerprint(value: unknown): Result<string, ProcessError> {
  const text = canonicalJson(value)
  return text.ok ? ok(sha256Hex(text.value)) : text
}
