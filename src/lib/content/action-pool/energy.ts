// Aktionspool actions of the Handlungsfeld `energy` (energy); index.ts lists them with the others.

import { a, type Row } from './row';

export const ENERGY: readonly Row[] = [
  a(
    'buergerenergie',
    'Bürgerenergie-Genossenschaft',
    'energy',
    'high',
    ['village', 'smallTown', 'city'],
    'Menschen aus der Region bauen gemeinsam Solar- oder Windanlagen, die Erträge bleiben vor Ort, und die Energiewende bekommt Rückhalt.',
    [
      'Geeignete Dächer oder Flächen suchen',
      'Gründungsgruppe bilden und Beratung beim Genossenschaftsverband holen',
      'Wirtschaftlichkeit rechnen lassen',
      'Mitglieder werben und erstes Projekt umsetzen'
    ],
    ['Genossenschaftsverband', 'Stadtwerke', 'Gemeinde (Dachflächen)', 'Banken']
  ),
  a(
    'klimaschutz-stammtisch',
    'Klimaschutz-Stammtisch',
    'energy',
    'low',
    ['village', 'smallTown', 'city'],
    'Ein regelmäßiger offener Treffpunkt für alle, die vor Ort etwas fürs Klima tun wollen: Austausch, Vorträge, gemeinsame Aktionen.',
    [
      'Gasthaus oder Raum für einen festen Termin finden',
      'Erstes Thema wählen (z. B. Balkonkraftwerke)',
      'Einladung über Zeitung, Aushang und Vereine',
      'Aus den Treffen kleine Projekte entstehen lassen'
    ],
    ['Klimaschutzmanagement der Gemeinde', 'Energieberatung', 'Umweltverbände']
  ),
  a(
    'balkonkraftwerk',
    'Sammelbestellung Balkonkraftwerke',
    'energy',
    'low',
    ['village', 'smallTown', 'city'],
    'Viele Haushalte bestellen gemeinsam Stecker-Solargeräte, bekommen günstigere Preise und Hilfe beim Aufbau.',
    [
      'Interessierte sammeln',
      'Angebote von Händlern aus der Region einholen',
      'Montage-Nachmittag mit Elektrofachkraft organisieren',
      'Anmeldung beim Netzbetreiber erklären'
    ],
    ['Elektrobetriebe', 'Verbraucherzentrale', 'Energieagentur']
  ),
  a(
    'waermenetz',
    'Nahwärmenetz im Dorf',
    'energy',
    'high',
    ['village'],
    'Ein Dorf versorgt sich gemeinsam mit Wärme aus Biomasse, Solarthermie oder Abwärme: unabhängig von Öl und Gas.',
    [
      'Wärmebedarf der Haushalte erheben',
      'Machbarkeitsstudie mit Förderung beauftragen',
      'Betreibermodell wählen (Genossenschaft)',
      'Anschlussverträge sammeln und bauen'
    ],
    ['Energieagentur', 'Landwirtschaft (Biomasse)', 'Gemeinde', 'Förderbanken']
  ),
  a(
    'energieberatung',
    'Ehrenamtliche Energie-Lotsen',
    'energy',
    'medium',
    ['village', 'smallTown'],
    'Geschulte Ehrenamtliche beraten Nachbarinnen und Nachbarn zum Energiesparen und Sanieren und vermitteln an Fachleute.',
    [
      'Schulung mit Verbraucherzentrale oder Energieagentur organisieren',
      'Sprechstunden im Rathaus anbieten',
      'Thermografie-Spaziergang im Winter'
    ],
    ['Verbraucherzentrale', 'Energieagentur', 'Handwerk']
  ),
  a(
    'pv-schuldach',
    'Solar auf Schuldächern',
    'energy',
    'medium',
    ['village', 'smallTown', 'city'],
    'Bürgerinnen und Bürger finanzieren Solaranlagen auf öffentlichen Dächern; Schülerinnen und Schüler verfolgen den Ertrag im Unterricht.',
    [
      'Dächer mit Gemeinde prüfen',
      'Beteiligungsmodell wählen (Genossenschaft, Bürgerdarlehen)',
      'Schule für Projektunterricht gewinnen'
    ],
    ['Gemeinde', 'Schulen', 'Bürgerenergie-Genossenschaft']
  )
];
