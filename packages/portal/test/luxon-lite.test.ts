import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { DateTime as Luxon } from 'luxon'
import { describe, expect, it } from 'vitest'
import { DateTime } from '../src/sdk/luxon-lite'

const FORMATS = [
  'yyyy-MM-dd HH:mm:ss', // Text.getDateForLog
  "yyyy-MM-dd'T'HH:mm:ssZZ", // Text.toB24Format
  'dd.MM.yy H:m:s.SSS Z ZZZ',
  "d/M/y 'o''clock' ''",
]

describe('luxon-lite (the SDK’s luxon in widget bundles)', () => {
  it('formats like luxon, in the local zone', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-02'), max: new Date('2999-12-31'), noInvalidDate: true }), (d) => {
        for (const f of FORMATS) expect(DateTime.fromJSDate(d).toFormat(f)).toBe(Luxon.fromJSDate(d).toFormat(f))
        expect(DateTime.fromJSDate(d).toSeconds()).toBe(Luxon.fromJSDate(d).toSeconds())
      }),
    )
  })

  it.each(['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Moscow', 'America/New_York'])(
    'writes the offset like luxon in %s (whole, half-hour, negative, daylight saving)',
    (zone) => {
      const saved = process.env['TZ']
      process.env['TZ'] = zone
      try {
        for (const d of [new Date('2026-01-15T10:00:00Z'), new Date('2026-07-15T10:00:00Z')])
          expect(DateTime.fromJSDate(d).toFormat('Z ZZ ZZZ HH')).toBe(Luxon.fromJSDate(d).toFormat('Z ZZ ZZZ HH'))
      } finally {
        if (saved === undefined) delete process.env['TZ']
        else process.env['TZ'] = saved
      }
    },
  )

  it('refuses what it does not know instead of writing a wrong date', () => {
    expect(() => DateTime.now().toFormat('yyyy LLL')).toThrow(/LLL/)
    expect(() => DateTime.fromISO()).toThrow(/fromISO/)
    expect(() => DateTime.fromFormat()).toThrow(/fromFormat/)
  })

  it('covers every luxon use of the SDK it stands in for', () => {
    const sdk = join(dirname(createRequire(import.meta.url).resolve('@bitrix24/b24jssdk/package.json')), 'dist/esm')
    const files = readdirSync(sdk, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'))
    const uses = new Set<string>()
    for (const f of files) {
      const code = readFileSync(join(sdk, f), 'utf8')
      if (!/from 'luxon'/.test(code)) continue
      for (const m of code.matchAll(/DateTime\.(\w+)/g)) uses.add(m[1]!)
      for (const m of code.matchAll(/\b(?:dt|date)\.(to\w+)\(/g)) uses.add(m[1]!)
      for (const m of code.matchAll(/toFormat\(\s*"([^"]*)"/g))
        expect(() => DateTime.now().toFormat(m[1]!)).not.toThrow()
    }
    expect([...uses].sort()).toEqual(['fromFormat', 'fromISO', 'fromJSDate', 'now', 'toFormat', 'toSeconds'])
  })
})
