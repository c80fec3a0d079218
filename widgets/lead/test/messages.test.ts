import { describe, expect, it } from 'vitest'
import { messages } from '../src/messages'

/** Every key path of a message tree, e.g. 'order.total'. */
function paths(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? paths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('lead tab messages', () => {
  it('say everything in both languages', () => {
    expect(paths(messages.en).sort()).toEqual(paths(messages.ru).sort())
  })

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    const at = (tree: Record<string, unknown>, path: string) =>
      path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree) as string
    for (const path of paths(messages.ru)) {
      expect(placeholders(at(messages.en, path)), path).toEqual(placeholders(at(messages.ru, path)))
    }
  })
})
