/** The languages our widgets, messages and documents speak (the portal's language, English otherwise). */
export type Lang = 'ru' | 'en'
