/** mulberry32: a tiny deterministic PRNG, so that seed data is the same on every run. */
export function createRandom(seed: number): {
  next(): number
  int(min: number, max: number): number
  pick<T>(list: readonly T[]): T
} {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => {
      const v = list[Math.floor(next() * list.length)]
      if (v === undefined) throw new Error('pick from an empty list')
      return v
    },
  }
}
