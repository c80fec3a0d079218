/**
 * The QR code's modules (true = dark), row by row, without the quiet zone. @paulmillr/qr is imported here,
 * when an invoice is printed, never with the model. Medium error correction (15 %), byte mode: the payload
 * is UTF-8, as its header ST00012 says.
 */
export async function qrMatrix(payload: string): Promise<boolean[][]> {
  const { default: encodeQR } = await import('@paulmillr/qr')
  return encodeQR(payload, 'raw', { ecc: 'medium', encoding: 'byte', border: 0 })
}

/** The same code as a GIF (for the DOCX, which embeds images), `scale` pixels per module, 4-module quiet zone. */
export async function qrGif(payload: string, scale = 4): Promise<Uint8Array> {
  const { default: encodeQR } = await import('@paulmillr/qr')
  return encodeQR(payload, 'gif', { ecc: 'medium', encoding: 'byte', border: 4, scale })
}
