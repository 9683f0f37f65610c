// QR codes as SVG data URLs (for <img src>), so no markup is ever injected into the page. The qrcode
// library is loaded on first use: only facilitators open the share dialog, so participants never load it.
export async function qrDataUrl(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' }
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
