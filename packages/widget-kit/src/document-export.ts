import { ref, shallowRef } from 'vue'
import type { CodedError } from './error-text'
import { bytesToBase64, saveBytes } from './files'

/** A lazily loaded chunk (jspdf, docx, fonts, the QR library) that did not arrive. */
export interface ChunkLoadError {
  readonly code: 'CHUNK_LOAD_FAILED'
  readonly detail: string
}

/** A rendered document: saved for the user, and attached to the card's timeline when `attachAs` names the comment. */
export interface RenderedDocument {
  readonly bytes: Uint8Array
  readonly fileName: string
  readonly mime: string
  readonly attachAs: string | null
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CodedError }

/**
 * The one way a widget exports a document (offer, invoice): render (the store loads the renderers lazily), save the
 * file, attach it to the card's timeline. `busy` names the format in progress; a chunk that did not load is an error
 * the user can retry, never an uncaught rejection.
 */
export function useDocumentExport<F extends string>(
  attach: (fileName: string, base64: string, comment: string) => Promise<Outcome<number>>,
) {
  const busy = ref<F | null>(null)
  const error = shallowRef<CodedError | ChunkLoadError | null>(null)
  const attached = ref<{ readonly commentId: number; readonly fileName: string } | null>(null)

  async function run(format: F, render: () => Promise<Outcome<RenderedDocument> | null>): Promise<void> {
    error.value = null
    busy.value = format
    try {
      const doc = await render()
      if (!doc) return
      if (!doc.ok) {
        error.value = doc.error
        return
      }
      const { bytes, fileName, mime, attachAs } = doc.value
      saveBytes(bytes, fileName, mime)
      if (attachAs === null) return
      const added = await attach(fileName, bytesToBase64(bytes), attachAs)
      if (added.ok) attached.value = { commentId: added.value, fileName }
      else error.value = added.error
    } catch (e) {
      // Only a failed chunk download lands here (the renderers return Results): say so, keep the page usable.
      error.value = { code: 'CHUNK_LOAD_FAILED', detail: e instanceof Error ? e.message : String(e) }
    } finally {
      busy.value = null
    }
  }

  return { busy, error, attached, run }
}
