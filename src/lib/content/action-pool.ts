// The Aktionspool: best-practice actions other regions already did, our own short write-ups (German).
// Each names its Handlungsfeld, what it achieves, the effort, first steps, typical partners and the kind of
// region it suits. Loaded only on the pool page (dynamic import there), never before.

import type { PoolAction } from '../model/pool';

type Row = Omit<PoolAction, 'source'>;

const a = (
  id: string,
  title: string,
  field: PoolAction['field'],
  effort: PoolAction['effort'],
  regions: PoolAction['regions'],
  achieves: string,
  steps: string[],
  partners: string[]
): Row => ({ id, title, field, effort, regions, achieves, steps, partners });

const ROWS: Row[] = [
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
  ),
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

export const ACTION_POOL: readonly PoolAction[] = ROWS.map((row) => ({ ...row, source: 'pool' as const }));
