/** Plural forms: [1, 2–4, 5–20] in Russian; [1, other] in English (the third is unused there). */
export type Forms = readonly [one: string, few: string, many: string]

export interface CurrencyWords {
  /** Grammatical gender of the major unit in Russian: it picks один/одна, два/две. */
  readonly gender: 'm' | 'f'
  readonly ru: { readonly major: Forms; readonly minor: Forms }
  readonly en: { readonly major: Forms; readonly minor: Forms }
}

/** The currencies of the demo company; евро is indeclinable and masculine as a currency. */
export const CURRENCY_WORDS: Readonly<Record<string, CurrencyWords>> = {
  RUB: {
    gender: 'm',
    ru: { major: ['рубль', 'рубля', 'рублей'], minor: ['копейка', 'копейки', 'копеек'] },
    en: { major: ['rouble', 'roubles', 'roubles'], minor: ['kopeck', 'kopecks', 'kopecks'] },
  },
  USD: {
    gender: 'm',
    ru: { major: ['доллар США', 'доллара США', 'долларов США'], minor: ['цент', 'цента', 'центов'] },
    en: { major: ['US dollar', 'US dollars', 'US dollars'], minor: ['cent', 'cents', 'cents'] },
  },
  EUR: {
    gender: 'm',
    ru: { major: ['евро', 'евро', 'евро'], minor: ['цент', 'цента', 'центов'] },
    en: { major: ['euro', 'euros', 'euros'], minor: ['cent', 'cents', 'cents'] },
  },
  CNY: {
    gender: 'm',
    ru: { major: ['юань', 'юаня', 'юаней'], minor: ['фэнь', 'фэня', 'фэней'] },
    en: { major: ['yuan', 'yuan', 'yuan'], minor: ['fen', 'fen', 'fen'] },
  },
}
