// Aktionspool actions of the Handlungsfeld `mobility` (mobility); index.ts lists them with the others.

import { a, type Row } from './row';

export const MOBILITY: readonly Row[] = [
  a(
    'mitfahrbank',
    'Mitfahrbank',
    'mobility',
    'low',
    ['village'],
    'Eine Bank am Ortsausgang mit Klappschild zeigt, wohin man möchte; Autofahrende nehmen mit. Einfache Mobilität ohne App.',
    [
      'Ziele und Standorte mit den Nachbarorten abstimmen',
      'Bank und Schilder bauen oder beschaffen',
      'Genehmigung der Gemeinde einholen',
      'Einweihung mit Presse, Regeln aushängen'
    ],
    ['Gemeinden', 'Bauhof', 'Seniorenbeirat', 'örtliche Presse']
  ),
  a(
    'buergerbus',
    'Bürgerbus',
    'mobility',
    'high',
    ['village', 'smallTown'],
    'Ehrenamtliche fahren einen Kleinbus nach Fahrplan, wo der öffentliche Verkehr fehlt: zum Arzt, zum Einkaufen, zum Bahnhof.',
    [
      'Bedarf und Strecken erheben',
      'Verein gründen und Fahrerinnen und Fahrer gewinnen',
      'Mit Verkehrsverbund und Landkreis Genehmigung und Förderung klären',
      'Fahrzeug beschaffen und Probebetrieb starten'
    ],
    ['Landkreis', 'Verkehrsverbund', 'Pro Bürgerbus', 'Sponsoren aus der Region']
  ),
  a(
    'carsharing',
    'Dorf-Carsharing mit E-Auto',
    'mobility',
    'medium',
    ['village', 'smallTown'],
    'Ein gemeinsam genutztes E-Auto ersetzt Zweitwagen, spart Kosten und macht E-Mobilität erfahrbar.',
    [
      'Interessierte Haushalte sammeln',
      'Anbieter oder Vereinsmodell wählen',
      'Stellplatz mit Ladesäule klären',
      'Buchungssystem und Regeln festlegen'
    ],
    ['Gemeinde', 'Stadtwerke', 'Carsharing-Verband']
  ),
  a(
    'lastenrad',
    'Freies Lastenrad',
    'mobility',
    'low',
    ['smallTown', 'city'],
    'Ein Lastenrad zum kostenlosen Ausleihen an festen Stationen: Einkäufe und Kindertransport ohne Auto.',
    [
      'Rad beschaffen (Förderung, Spenden)',
      'Gastgebende Stationen gewinnen (Läden, Cafés)',
      'Online-Buchung einrichten',
      'Wartung durch Fahrradwerkstatt regeln'
    ],
    ['Fahrradhandel', 'ADFC', 'Läden und Cafés']
  ),
  a(
    'radwege-check',
    'Radwege-Check',
    'mobility',
    'low',
    ['village', 'smallTown', 'city'],
    'Bürgerinnen und Bürger erfassen gemeinsam Lücken und Gefahrenstellen im Radnetz und geben sie der Verwaltung als Liste.',
    [
      'Befahrung planen und Routen aufteilen',
      'Mängel mit Foto und Ort sammeln',
      'Ergebnisse bündeln und dem Gemeinderat übergeben'
    ],
    ['ADFC', 'Verwaltung', 'Schulen']
  )
];
