// QR codes as SVG data URLs (for <img src>), so no markup is ever injected into the page.
import QRCode from 'qrcode';

export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' }
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
