// Aktionspool actions of the Handlungsfeld `housing` (housing and building); index.ts lists them with the others.

import { a, type Row } from './row';

export const HOUSING: readonly Row[] = [
  a(
    'gemeinschaftswohnen',
    'Gemeinschaftliches Wohnprojekt',
    'housing',
    'high',
    ['smallTown', 'city'],
    'Menschen planen und bauen gemeinsam ein Haus mit privaten Wohnungen und Gemeinschaftsräumen: bezahlbar, generationenübergreifend.',
    [
      'Gruppe und gemeinsame Werte finden',
      'Grundstück oder Bestandsgebäude suchen',
      'Rechtsform wählen (Genossenschaft, Mietshäuser-Syndikat)',
      'Architektur und Finanzierung planen'
    ],
    ['Wohnprojekte-Beratung', 'Gemeinde (Grundstücke)', 'Genossenschaften', 'Banken']
  ),
  a(
    'leerstand',
    'Leerstandsbörse',
    'housing',
    'medium',
    ['village', 'smallTown'],
    'Leere Häuser und Läden werden erfasst und mit Menschen zusammengebracht, die sie nutzen wollen: Ortskerne leben wieder auf.',
    [
      'Leerstände gemeinsam erfassen',
      'Eigentümerinnen und Eigentümer ansprechen',
      'Online-Börse mit der Gemeinde aufsetzen',
      'Besichtigungstag veranstalten'
    ],
    ['Gemeinde', 'Makler aus der Region', 'Wirtschaftsförderung']
  ),
  a(
    'wohnen-fuer-hilfe',
    'Wohnen für Hilfe',
    'housing',
    'low',
    ['smallTown', 'city'],
    'Ältere Menschen mit zu viel Wohnraum vermieten ein Zimmer an Jüngere, die statt Miete im Alltag helfen.',
    [
      'Vermittlungsstelle festlegen',
      'Regeln und Mustervertrag erstellen',
      'Angebote bei Seniorenbüro und Hochschule bekannt machen'
    ],
    ['Seniorenbüro', 'Studierendenwerk', 'Wohlfahrtsverbände']
  ),
  a(
    'baustoffboerse',
    'Bauteilbörse',
    'housing',
    'medium',
    ['village', 'smallTown', 'city'],
    'Gebrauchte Bauteile wie Türen, Fenster und Fliesen werden gesammelt und weitergegeben statt entsorgt.',
    [
      'Lagerfläche finden',
      'Annahmeregeln festlegen',
      'Kontakt zu Abbruchfirmen und Handwerk',
      'Öffnungszeiten und Online-Katalog'
    ],
    ['Handwerksbetriebe', 'Abfallwirtschaft', 'Bauhof']
  )
];
