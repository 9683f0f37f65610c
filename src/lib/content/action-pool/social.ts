// Aktionspool actions of the Handlungsfeld `social` (community and culture); index.ts lists them with the others.

import { a, type Row } from './row';

export const SOCIAL: readonly Row[] = [
  a(
    'repair-cafe',
    'Repair-Café',
    'social',
    'low',
    ['village', 'smallTown', 'city'],
    'Ehrenamtliche reparieren gemeinsam mit Besucherinnen und Besuchern kaputte Dinge: weniger Müll, mehr Wissen, neue Kontakte.',
    [
      'Raum mit Strom und Tischen finden (Gemeindehaus, Schule)',
      'Reparaturkundige fragen: Elektrik, Textil, Fahrrad',
      'Ersten Termin mit Kaffee und Kuchen ankündigen',
      'Haftungsfrage und Regeln klären'
    ],
    ['Kirchengemeinden', 'Handwerksbetriebe', 'Volkshochschule', 'Stiftung Anstiftung']
  ),
  a(
    'tauschring',
    'Tauschring',
    'social',
    'low',
    ['village', 'smallTown', 'city'],
    'Menschen tauschen Fähigkeiten und Zeit statt Geld: eine Stunde Gartenhilfe gegen eine Stunde Nachhilfe.',
    [
      'Kleinen Gründungskreis bilden',
      'Einfaches Verrechnungssystem wählen (Zeitkonto)',
      'Angebote und Gesuche sammeln',
      'Monatlichen Tauschtreff einrichten'
    ],
    ['Nachbarschaftshilfe', 'Seniorenbüro', 'Familienzentren']
  ),
  a(
    'gemeinschaftskueche',
    'Mittagstisch für alle',
    'social',
    'medium',
    ['village', 'smallTown'],
    'Einmal pro Woche kochen Ehrenamtliche mit regionalen Zutaten; alle Generationen essen gemeinsam zu kleinen Preisen.',
    [
      'Küche mit Zulassung finden (Gemeindehaus, Schule)',
      'Kochteam und Hygieneschulung organisieren',
      'Zutaten von Höfen der Umgebung beziehen',
      'Preise solidarisch gestalten'
    ],
    ['Kirchengemeinden', 'Landfrauen', 'Höfe', 'Schulen']
  ),
  a(
    'nachbarschaftshilfe',
    'Nachbarschaftshilfe',
    'social',
    'low',
    ['village', 'smallTown', 'city'],
    'Ein Netz von Helfenden unterstützt im Alltag: Einkaufen, Fahrdienste, Gesellschaft leisten.',
    [
      'Telefonnummer und Ansprechperson festlegen',
      'Helfende sammeln und Versicherung klären',
      'Flyer an alle Haushalte'
    ],
    ['Seniorenbeirat', 'Kirchengemeinden', 'Gemeinde']
  ),
  a(
    'dorfgespraech',
    'Offenes Dorfgespräch',
    'social',
    'low',
    ['village'],
    'Regelmäßige offene Treffen, in denen alle mitreden, was im Ort gebraucht wird: Beteiligung ohne Hürden.',
    [
      'Neutralen Ort und feste Zeit wählen',
      'Eine Gesprächsleitung aus der Region gewinnen',
      'Ergebnisse sichtbar machen (Aushang, Gemeindeblatt)'
    ],
    ['Gemeinde', 'Vereine', 'Volkshochschule']
  ),
  a(
    'kulturscheune',
    'Kulturscheune',
    'social',
    'medium',
    ['village'],
    'Eine leere Scheune wird zum Ort für Konzerte, Lesungen und Feste, getragen von einem Verein.',
    [
      'Gebäude und Eigentümer finden',
      'Verein gründen',
      'Sicherheit und Brandschutz klären',
      'Erstes Fest als Probe'
    ],
    ['Eigentümerinnen und Eigentümer', 'Kulturamt', 'Vereine']
  )
];
