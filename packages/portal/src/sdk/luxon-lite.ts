/**
 * What the SDK needs of luxon in a browser page, and nothing more. Vite aliases `luxon` to this module in widget
 * bundles (vite.config.ts): luxon is ≈ 22 kB of a widget's initial gzip JS, and the SDK (2.2.0) reads it in two
 * places only: log lines (`DateTime.now()` / `DateTime.fromJSDate(d)` → `toFormat`, `toSeconds`) and
 * `Text.toDateTime` (helper managers for currencies and options, which salesflow never calls: portal data is read
 * and validated by packages/portal). Node (the worker, scripts, tests) keeps the real luxon.
 *
 * `toFormat` knows luxon's numeric date and time tokens; anything else throws, as do `fromISO`/`fromFormat`:
 * a loud failure if an SDK upgrade starts to need more, never a wrong date. test/luxon-lite.test.ts checks the
 * output against luxon and that the SDK still uses only this much.
 */

const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0')

/** Offset from UTC as luxon writes it: `Z` → +5, `ZZ` → +05:00, `ZZZ` → +0500. */
function offset(minutes: number, token: string): string {
  const sign = minutes < 0 ? '-' : '+'
  const h = Math.trunc(Math.abs(minutes) / 60)
  const m = Math.abs(minutes) % 60
  if (token === 'Z') return `${sign}${h}${m ? `:${pad(m)}` : ''}`
  return `${sign}${pad(h)}${token === 'ZZ' ? ':' : ''}${pad(m)}`
}

const TOKENS: Record<string, (d: Date) => string> = {
  yyyy: (d) => pad(d.getFullYear(), 4),
  yy: (d) => pad(d.getFullYear() % 100),
  y: (d) => String(d.getFullYear()),
  MM: (d) => pad(d.getMonth() + 1),
  M: (d) => String(d.getMonth() + 1),
  dd: (d) => pad(d.getDate()),
  d: (d) => String(d.getDate()),
  HH: (d) => pad(d.getHours()),
  H: (d) => String(d.getHours()),
  mm: (d) => pad(d.getMinutes()),
  m: (d) => String(d.getMinutes()),
  ss: (d) => pad(d.getSeconds()),
  s: (d) => String(d.getSeconds()),
  SSS: (d) => pad(d.getMilliseconds(), 3),
  Z: (d) => offset(-d.getTimezoneOffset(), 'Z'),
  ZZ: (d) => offset(-d.getTimezoneOffset(), 'ZZ'),
  ZZZ: (d) => offset(-d.getTimezoneOffset(), 'ZZZ'),
}

function unsupported(what: string): never {
  throw new Error(`[salesflow] ${what} is not in the widget bundle's luxon (packages/portal/src/sdk/luxon-lite.ts)`)
}

export class DateTime {
  private constructor(private readonly date: Date) {}

  static now(): DateTime {
    return new DateTime(new Date())
  }

  static fromJSDate(date: Date): DateTime {
    return new DateTime(new Date(date.getTime()))
  }

  static fromISO(): never {
    return unsupported('DateTime.fromISO')
  }

  static fromFormat(): never {
    return unsupported('DateTime.fromFormat')
  }

  get isValid(): boolean {
    return !Number.isNaN(this.date.getTime())
  }

  toJSDate(): Date {
    return new Date(this.date.getTime())
  }

  toSeconds(): number {
    return this.date.getTime() / 1000
  }

  /** luxon's format syntax: token runs (`yyyy`, `MM`, `ZZ`…) and literals in single quotes (`''` is a quote). */
  toFormat(format: string): string {
    return format.replace(/'([^']*)'|([A-Za-z])\2*/g, (run, literal: string | undefined) => {
      if (literal !== undefined) return literal === '' ? "'" : literal
      const token = TOKENS[run]
      return token ? token(this.date) : unsupported(`DateTime#toFormat token "${run}"`)
    })
  }
}
