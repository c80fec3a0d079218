import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { FontFiles, FontSource } from './font-source'

/** DejaVu Sans from the dejavu-fonts-ttf package on disk (Node: tests, bench, server-side rendering). */
export function createNodeFontSource(): FontSource {
  let pending: Promise<FontFiles> | undefined
  const require = createRequire(import.meta.url)
  const read = async (file: string) => new Uint8Array(await readFile(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)))
  const load = async (): Promise<FontFiles> => {
    const [regular, bold] = await Promise.all([read('DejaVuSans.ttf'), read('DejaVuSans-Bold.ttf')])
    return { regular, bold }
  }
  return { load: () => (pending ??= load()) }
}
