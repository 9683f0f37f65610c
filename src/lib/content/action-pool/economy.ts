// Aktionspool actions of the Handlungsfeld `economy` (the regional economy); index.ts lists them with the others.

import { a, type Row } from './row';

export const ECONOMY: readonly Row[] = [
  a(
    'regionalwert-ag',
    'Regionalwert-AG',
    'economy',
    'high',
    ['smallTown', 'city'],
    'Bürgerinnen und Bürger werden Aktionärinnen und Aktionäre ihrer regionalen Land- und Lebensmittelwirtschaft und finanzieren Höfe, Verarbeitung und Handel.',
    [
      'Bestehende Regionalwert-AGs besuchen',
      'Gründungskreis mit Fachleuten für Finanzen und Recht bilden',
      'Erste Betriebe als Partner gewinnen',
      'Prospekt und Zeichnungsphase vorbereiten'
    ],
    ['Regionalwert-Netzwerk', 'Banken und Steuerberatung', 'Höfe und Verarbeiter', 'Wirtschaftsförderung']
  ),
  a(
    'dorfladen',
    'Dorfladen',
    'economy',
    'high',
    ['village'],
    'Ein Laden in Bürgerhand sichert die Nahversorgung, schafft einen Treffpunkt und verkauft Produkte aus der Umgebung.',
    [
      'Bedarf im Ort erfragen (Umfrage, Versammlung)',
      'Standort und Räume prüfen',
      'Rechtsform wählen, meist Genossenschaft oder UG',
      'Anteile zeichnen lassen und Lieferanten aus der Region gewinnen'
    ],
    ['Gemeinde', 'Dorfladen-Netzwerk', 'Höfe und Bäckereien der Umgebung', 'Genossenschaftsverband']
  ),
  a(
    'regionalmarke',
    'Regionalmarke',
    'economy',
    'medium',
    ['village', 'smallTown'],
    'Eine gemeinsame Marke macht Produkte aus der Region erkennbar und stärkt kleine Betriebe im Handel.',
    [
      'Betriebe für einen Gründungskreis gewinnen',
      'Kriterien festlegen (Herkunft, Qualität)',
      'Logo und Auftritt gestalten',
      'Handel und Gastronomie als Partner gewinnen'
    ],
    ['Direktvermarkter', 'Gastronomie', 'Tourismusverband', 'LEADER-Region']
  ),
  a(
    'coworking',
    'Coworking auf dem Land',
    'economy',
    'medium',
    ['village', 'smallTown'],
    'Ein gemeinsamer Arbeitsort mit gutem Internet hält Pendelnde im Ort und belebt Leerstand.',
    [
      'Bedarf erfragen (Pendelnde, Selbstständige)',
      'Raum und Internet klären',
      'Träger wählen (Verein, Genossenschaft)',
      'Probewochen anbieten'
    ],
    ['Gemeinde', 'Wirtschaftsförderung', 'Netzwerk Zukunftsorte']
  ),
  a(
    'regionalgeld',
    'Regionalgeld',
    'economy',
    'high',
    ['smallTown', 'city'],
    'Eine Ergänzungswährung, die nur in der Region gilt, hält Kaufkraft vor Ort und verbindet Betriebe.',
    [
      'Bestehende Regionalgelder kennenlernen',
      'Trägerverein gründen',
      'Akzeptanzstellen gewinnen',
      'Ausgabe und Rücktausch organisieren'
    ],
    ['Einzelhandel', 'Banken', 'Regionalgeld-Verband']
  )
];
