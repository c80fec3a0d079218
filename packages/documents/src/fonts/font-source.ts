/** TrueType files for the PDF: jsPDF's standard fonts have no Cyrillic and no ₽, so we embed DejaVu Sans. */
export interface FontFiles {
  readonly regular: Uint8Array
  /** Used for headings and totals; the regular face stands in when absent. */
  readonly bold?: Uint8Array
}

/**
 * Where the renderer gets its fonts. Node reads them from disk (`@salesflow/documents/node-fonts`), the
 * browser fetches the URLs Vite emitted (`@salesflow/documents/vite-fonts`); tests may pass bytes.
 */
export interface FontSource {
  readonly load: () => Promise<FontFiles>
}

export interface FontUrls {
  readonly regular: string
  readonly bold?: string
}

type Fetch = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>

/** Fetches the TTF files once per source and keeps them for later exports. A failed load is retried next time. */
export function createUrlFontSource(urls: FontUrls, fetcher: Fetch = (url) => fetch(url)): FontSource {
  let pending: Promise<FontFiles> | undefined
  const get = async (url: string): Promise<Uint8Array> => {
    const response = await fetcher(url)
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`)
    return new Uint8Array(await response.arrayBuffer())
  }
  const load = async (): Promise<FontFiles> => {
    const [regular, bold] = await Promise.all([get(urls.regular), urls.bold ? get(urls.bold) : undefined])
    return bold ? { regular, bold } : { regular }
  }
  return {
    load: () => {
      pending ??= load().catch((e: unknown) => {
        pending = undefined
        throw e
      })
      return pending
    },
  }
}

export function createBytesFontSource(files: FontFiles): FontSource {
  return { load: async () => files }
}
