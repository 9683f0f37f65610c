// Aktionspool actions of the Handlungsfeld `food` (food and agriculture); index.ts lists them with the others.

import { a, type Row } from './row';

export const FOOD: readonly Row[] = [
  a(
    'solawi',
    'Solidarische Landwirtschaft (SoLaWi)',
    'food',
    'high',
    ['village', 'smallTown', 'city'],
    'Ein Hof und eine Gemeinschaft teilen Ernte, Kosten und Risiko: der Hof plant sicher, die Mitglieder bekommen jede Woche frisches Gemüse aus der Region.',
    [
      'Interessierten Hof in der Nähe finden und Gespräch führen',
      'Infoabend mit möglichen Mitgliedern',
      'Betriebskosten offenlegen und Bieterrunde planen',
      'Verteilpunkte und Abholtage festlegen'
    ],
    ['landwirtschaftliche Betriebe', 'Netzwerk Solidarische Landwirtschaft', 'Bioläden', 'Gemeinde']
  ),
  a(
    'foodsharing',
    'Foodsharing',
    'food',
    'low',
    ['smallTown', 'city'],
    'Übrige Lebensmittel von Betrieben und Haushalten werden gerettet und geteilt, etwa über einen öffentlichen Fairteiler.',
    [
      'Kontakt zu foodsharing in der Region aufnehmen',
      'Betriebe ansprechen, die abgeben würden',
      'Standort für einen Fairteiler mit Hygieneregeln finden',
      'Abholplan organisieren'
    ],
    ['foodsharing e. V.', 'Bäckereien und Supermärkte', 'Gemeindezentren', 'Tafeln']
  ),
  a(
    'gemeinschaftsgarten',
    'Gemeinschaftsgarten',
    'food',
    'medium',
    ['village', 'smallTown', 'city'],
    'Nachbarinnen und Nachbarn gärtnern gemeinsam auf einer Fläche: Gemüse, Begegnung und Naturerfahrung für alle Generationen.',
    [
      'Fläche finden (Gemeinde, Kirche, Brachfläche)',
      'Nutzungsvereinbarung abschließen',
      'Beete, Wasser und Werkzeug organisieren',
      'Regelmäßige Gartentreffen festlegen'
    ],
    ['Gemeinde', 'Kirchengemeinden', 'Kindergärten und Schulen', 'Gartenbauverein']
  ),
  a(
    'wochenmarkt',
    'Neuer Wochenmarkt',
    'food',
    'medium',
    ['village', 'smallTown'],
    'Ein kleiner Markt mit Erzeugerinnen und Erzeugern aus der Umgebung belebt den Ortskern und verkürzt Wege.',
    [
      'Anbietende aus der Umgebung fragen',
      'Platz und Marktordnung mit der Gemeinde klären',
      'Probetermine mit Musik und Kaffee',
      'Nach drei Monaten gemeinsam auswerten'
    ],
    ['Gemeinde', 'Höfe', 'Vereine']
  ),
  a(
    'streuobst',
    'Streuobstwiesen-Patenschaft',
    'food',
    'low',
    ['village'],
    'Menschen übernehmen Pflege und Ernte alter Obstbäume: Artenvielfalt bleibt erhalten, Saft kommt aus der Region.',
    [
      'Wiesen und Eigentümer finden',
      'Patenschaftsregeln festlegen',
      'Schnittkurs anbieten',
      'Gemeinsame Ernte und Mosten'
    ],
    ['Obst- und Gartenbauverein', 'Naturschutzverbände', 'Mostereien']
  ),
  a(
    'schulgarten',
    'Schulacker',
    'food',
    'medium',
    ['village', 'smallTown', 'city'],
    'Kinder bauen über ein Schuljahr Gemüse an und lernen, woher Essen kommt.',
    [
      'Schule und Lehrkraft gewinnen',
      'Fläche auf oder nahe dem Schulgelände',
      'Ackerpatinnen und -paten aus der Landwirtschaft finden'
    ],
    ['Schulen', 'Landwirtschaft', 'Acker e. V.']
  ),
  a(
    'bienenweide',
    'Blühflächen und Bienenweiden',
    'food',
    'low',
    ['village', 'smallTown'],
    'Gemeindeflächen, Gärten und Ackerränder werden zu Blühflächen: mehr Insekten, schönere Orte.',
    [
      'Flächen mit Gemeinde und Landwirtschaft finden',
      'Regionales Saatgut beschaffen',
      'Säaktion mit Schulen und Vereinen'
    ],
    ['Imkervereine', 'Landwirtschaft', 'Bauhof', 'Naturschutzverbände']
  )
];
