import { readFile } from 'node:fs/promises'
import type { FontFiles, FontSource } from './font-source'

/** The committed DejaVu Sans subsets on disk (Node: tests, bench, server-side rendering). */
export function createNodeFontSource(): FontSource {
  let pending: Promise<FontFiles> | undefined
  const read = async (file: string) => new Uint8Array(await readFile(new URL(`../../fonts/${file}`, import.meta.url)))
  const load = async (): Promise<FontFiles> => {
    const [regular, bold] = await Promise.all([read('DejaVuSans-subset.ttf'), read('DejaVuSans-Bold-subset.ttf')])
    return { regular, bold }
  }
  return { load: () => (pending ??= load()) }
}
