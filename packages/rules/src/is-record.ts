/** A plain object (not null, not an array): what JSON and REST payloads are read as before their fields are checked. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
