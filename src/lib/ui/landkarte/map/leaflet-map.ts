// The Landkarte's map on Leaflet, loaded only where a map shows (RegionMap imports this module
// dynamically, so Leaflet, its CSS and the outlines are one chunk of their own, precached by the service
// worker). The background is drawn from data shipped with the app: the countries' outlines (world-atlas,
// cut at build time by scripts/build-geo.ts) and the region's own outline; online tiles are an optional
// layer on top when there is a network. Initiatives are circle markers styled by status like StatusBadge
// (filled: besteht, half-filled: geplant, dashed ring: fehlt noch).
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { FeatureCollection, MultiPolygon, Position } from 'geojson';
import outlines from '$lib/content/geo/outlines.json';
import type { InitiativeStatus, OutlineCoords } from '$lib/model';

export interface MapMarker {
  id: string;
  name: string;
  status: InitiativeStatus;
  statusLabel: string;
  lat: number;
  lon: number;
  href: string;
}

export interface MapOptions {
  el: HTMLElement;
  /** The link text in a marker's popup. */
  openLabel: string;
  zoomIn: string;
  zoomOut: string;
  /** Tap-to-place: called with the tapped point; the map then shows a cross there. */
  onpick?: (lat: number, lon: number) => void;
}

/** Germany, Austria, Switzerland, Liechtenstein and South Tyrol: what the map shows with nothing else. */
const HOME: L.LatLngBoundsExpression = [
  [46.2, 5.9],
  [55.05, 17.2]
];
const TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const TILES_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende';

/** Text as a DOM node: Leaflet writes a string tooltip or popup as HTML, a node as it is. */
function textNode(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}

const token = (name: string, fallback: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

function markerStyle(status: InitiativeStatus): L.CircleMarkerOptions {
  const ok = token('--c-ok', '#1f5f3f');
  const planned = token('--c-focus', '#0b57d0');
  const warn = token('--c-warn', '#7a4b00');
  if (status === 'exists') return { color: '#fff', weight: 2, fillColor: ok, fillOpacity: 1 };
  if (status === 'planned') return { color: planned, weight: 3, fillColor: planned, fillOpacity: 0.45 };
  return { color: warn, weight: 3, dashArray: '4 3', fillColor: '#fff', fillOpacity: 0.9 };
}

/**
 * A marker as a button for the keyboard (Leaflet's circle markers are SVG paths it reaches only by mouse or
 * touch): Tab reaches it, Enter or Space opens its popup with the focus on the popup's link, and Escape
 * closes the popup and brings the focus back to the marker.
 */
function reachableByKeyboard(circle: L.CircleMarker, label: string): void {
  const el = circle.getElement() as (SVGElement & HTMLOrSVGElement) | undefined;
  if (!el) return;
  el.setAttribute('tabindex', '0');
  el.setAttribute('role', 'button');
  el.setAttribute('aria-label', label);
  let byKeyboard = false;
  const onEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    circle.closePopup();
  };
  el.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    byKeyboard = true;
    circle.openPopup();
    circle.getPopup()?.getElement()?.querySelector<HTMLElement>('a')?.focus();
  });
  circle.on('popupopen', (e: L.PopupEvent) => e.popup.getElement()?.addEventListener('keydown', onEscape));
  circle.on('popupclose', (e: L.PopupEvent) => {
    e.popup.getElement()?.removeEventListener('keydown', onEscape);
    if (byKeyboard) el.focus();
    byKeyboard = false;
  });
}

export class RegionMapView {
  readonly map: L.Map;
  readonly #markers = L.layerGroup();
  readonly #region = L.layerGroup();
  readonly #picked = L.layerGroup();
  readonly #found = L.layerGroup();
  readonly #openLabel: string;
  #tiles: L.TileLayer | null = null;
  #fitted = false;

  constructor({ el, openLabel, zoomIn, zoomOut, onpick }: MapOptions) {
    this.#openLabel = openLabel;
    this.map = L.map(el, {
      zoomSnap: 0.25,
      minZoom: 4,
      maxZoom: 16,
      maxBounds: [
        [30, -10],
        [62, 35]
      ],
      attributionControl: true,
      zoomControl: false
    });
    L.control.zoom({ zoomInTitle: zoomIn, zoomOutTitle: zoomOut }).addTo(this.map);
    this.map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    this.map.attributionControl.addAttribution('Natural Earth');
    const land = outlines as unknown as FeatureCollection<MultiPolygon, { code: string; core: boolean }>;
    L.geoJSON(land, {
      interactive: false,
      style: (f) => ({
        className: f?.properties.core ? 'map-country map-core' : 'map-country',
        color: token('--c-border', '#8a8a80'),
        weight: f?.properties.core ? 1.5 : 0.75,
        fillColor: f?.properties.core ? token('--c-surface', '#fff') : token('--c-line', '#d9d6cc'),
        fillOpacity: f?.properties.core ? 1 : 0.6
      })
    }).addTo(this.map);
    this.#region.addTo(this.map);
    this.#markers.addTo(this.map);
    this.#picked.addTo(this.map);
    this.#found.addTo(this.map);
    this.map.fitBounds(HOME);
    if (onpick)
      this.map.on('click', (e: L.LeafletMouseEvent) => {
        const { lat, lng } = e.latlng.wrap();
        onpick(Math.round(lat * 1e5) / 1e5, Math.round(lng * 1e5) / 1e5);
      });
  }

  setRegion(coords: OutlineCoords | null): void {
    this.#region.clearLayers();
    if (!coords) return;
    const shape: MultiPolygon = { type: 'MultiPolygon', coordinates: coords as Position[][][] };
    const layer = L.geoJSON(shape as unknown as Parameters<typeof L.geoJSON>[0], {
      interactive: false,
      style: {
        className: 'map-region',
        color: token('--c-primary', '#1f5f3f'),
        weight: 3,
        fillColor: token('--c-primary-soft', '#e3efe7'),
        fillOpacity: 0.55
      }
    });
    this.#region.addLayer(layer);
    this.map.fitBounds(layer.getBounds(), { padding: [16, 16] });
    this.#fitted = true;
  }

  setMarkers(markers: readonly MapMarker[]): void {
    this.#markers.clearLayers();
    // Bigger on a projector, so the markers read from the back of a hall.
    const radius = this.map.getSize().x >= 1400 ? 15 : 10;
    for (const m of markers) {
      const circle = L.circleMarker([m.lat, m.lon], {
        ...markerStyle(m.status),
        radius,
        className: `map-marker status-${m.status}`
      });
      circle.bindTooltip(textNode(m.name));
      circle.bindPopup(() => this.#popup(m));
      this.#markers.addLayer(circle);
      reachableByKeyboard(circle, `${m.name} (${m.statusLabel})`);
    }
    // Without a region outline, the first markers decide the view once.
    if (!this.#fitted && markers.length > 0) {
      const bounds = L.latLngBounds(markers.map((m) => [m.lat, m.lon] as L.LatLngTuple));
      this.map.fitBounds(bounds.pad(0.3), { maxZoom: 11 });
      this.#fitted = true;
    }
  }

  /** Shows the chosen point (tap-to-place), or nothing. */
  setPicked(point: { lat: number; lon: number } | null): void {
    this.#picked.clearLayers();
    if (!point) return;
    L.circleMarker([point.lat, point.lon], {
      radius: 12,
      className: 'map-picked',
      color: token('--c-danger', '#a3170e'),
      weight: 4,
      fillOpacity: 0,
      interactive: false
    }).addTo(this.#picked);
  }

  /** Moves to a place; with a name (a search result) it is marked and labelled there. */
  focus(lat: number, lon: number, name = '', zoom = 11): void {
    this.map.setView([lat, lon], zoom);
    this.#fitted = true;
    this.#found.clearLayers();
    if (!name) return;
    L.circleMarker([lat, lon], {
      radius: 5,
      className: 'map-found',
      color: token('--c-text', '#161616'),
      weight: 2,
      fillColor: token('--c-text', '#161616'),
      fillOpacity: 1,
      interactive: false
    })
      .bindTooltip(textNode(name), { permanent: true, direction: 'right', className: 'map-found-label' })
      .addTo(this.#found);
  }

  /** Online tiles on (only while the browser is online) or off. */
  setTiles(on: boolean): void {
    if (on && !this.#tiles) {
      this.#tiles = L.tileLayer(TILES, { maxZoom: 19, attribution: TILES_ATTRIBUTION }).addTo(this.map);
      // "Online" may still mean a hall's Wi-Fi without internet: a tile that fails is hidden, never a
      // broken image; the outlines below stay.
      this.#tiles.on('tileerror', (e: L.TileErrorEvent) => (e.tile.style.visibility = 'hidden'));
      this.#tiles.bringToBack();
    } else if (!on && this.#tiles) {
      this.#tiles.remove();
      this.#tiles = null;
    }
    this.map.getContainer().classList.toggle('with-tiles', on);
  }

  resize(): void {
    this.map.invalidateSize();
  }

  destroy(): void {
    this.map.remove();
  }

  #popup(m: MapMarker): HTMLElement {
    const box = document.createElement('div');
    box.className = 'map-popup';
    const name = document.createElement('strong');
    name.textContent = m.name;
    const status = document.createElement('span');
    status.textContent = m.statusLabel;
    const link = document.createElement('a');
    link.href = m.href;
    link.textContent = this.#openLabel;
    link.className = 'map-popup-link';
    box.append(name, status, link);
    return box;
  }
}
