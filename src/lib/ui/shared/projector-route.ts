// Which screens are shown on a projector: the join QR code and every `…/projector` view (a table, the
// programme wall, the harvest). They get the whole screen: no app header, no conference navigation, and
// their text contrast is held to AAA (tests/e2e/a11y.ts).

/** True for a SvelteKit route id of a projector screen. */
export function isProjectorRoute(routeId: string | null | undefined): boolean {
  return routeId === '/c/[roomId]/qr' || (routeId ?? '').endsWith('/projector');
}
