/**
 * Denmark for the national-scale history (bench/scale/history.ts): the 98 municipalities with their official
 * numbers, a population figure (thousands, rounded) to weight where citizens live, and a few of their real
 * postal codes. The names and streets below are common Danish ones; no person is described.
 */

export interface ScaleMunicipality {
  readonly id: string;
  readonly name: string;
  /** Inhabitants in thousands, rounded: the weight of the municipality among the generated citizens. */
  readonly population: number;
  /** [postal code, city] */
  readonly postalCodes: ReadonlyArray<readonly [string, string]>;
}

type Row = readonly [id: string, name: string, population: number, postal: string];

/** postal: "code city" pairs separated by "|". */
const ROWS: readonly Row[] = [
  ['101', 'København', 660, '1050 København K|1620 København V|2100 København Ø|2200 København N|2300 København S|2400 København NV|2450 København SV|2500 Valby'],
  ['147', 'Frederiksberg', 105, '1800 Frederiksberg C|2000 Frederiksberg'],
  ['151', 'Ballerup', 52, '2750 Ballerup|2740 Skovlunde|2760 Måløv'],
  ['153', 'Brøndby', 39, '2605 Brøndby|2660 Brøndby Strand'],
  ['155', 'Dragør', 14, '2791 Dragør'],
  ['157', 'Gentofte', 75, '2820 Gentofte|2900 Hellerup|2920 Charlottenlund|2930 Klampenborg'],
  ['159', 'Gladsaxe', 70, '2860 Søborg|2870 Dyssegård|2880 Bagsværd'],
  ['161', 'Glostrup', 24, '2600 Glostrup'],
  ['163', 'Herlev', 29, '2730 Herlev'],
  ['165', 'Albertslund', 28, '2620 Albertslund'],
  ['167', 'Hvidovre', 54, '2650 Hvidovre'],
  ['169', 'Høje-Taastrup', 52, '2630 Taastrup|2640 Hedehusene'],
  ['173', 'Lyngby-Taarbæk', 57, '2800 Kongens Lyngby|2830 Virum'],
  ['175', 'Rødovre', 41, '2610 Rødovre'],
  ['183', 'Ishøj', 23, '2635 Ishøj'],
  ['185', 'Tårnby', 44, '2770 Kastrup'],
  ['187', 'Vallensbæk', 17, '2625 Vallensbæk|2665 Vallensbæk Strand'],
  ['190', 'Furesø', 41, '3500 Værløse|3520 Farum'],
  ['201', 'Allerød', 26, '3450 Allerød|3540 Lynge'],
  ['210', 'Fredensborg', 41, '3480 Fredensborg|2990 Nivå|3490 Kvistgård'],
  ['217', 'Helsingør', 63, '3000 Helsingør|3100 Hornbæk|3150 Hellebæk'],
  ['219', 'Hillerød', 52, '3400 Hillerød'],
  ['223', 'Hørsholm', 25, '2970 Hørsholm'],
  ['230', 'Rudersdal', 57, '2840 Holte|2850 Nærum|2950 Vedbæk'],
  ['240', 'Egedal', 44, '3650 Ølstykke|3660 Stenløse|3670 Veksø Sjælland'],
  ['250', 'Frederikssund', 46, '3600 Frederikssund|3630 Jægerspris|3550 Slangerup'],
  ['253', 'Greve', 50, '2670 Greve|2690 Karlslunde'],
  ['259', 'Køge', 61, '4600 Køge|4681 Herfølge'],
  ['260', 'Halsnæs', 31, '3300 Frederiksværk|3390 Hundested'],
  ['265', 'Roskilde', 90, '4000 Roskilde|4030 Tune|4040 Jyllinge'],
  ['269', 'Solrød', 23, '2680 Solrød Strand'],
  ['270', 'Gribskov', 41, '3200 Helsinge|3230 Græsted|3250 Gilleleje'],
  ['306', 'Odsherred', 33, '4500 Nykøbing Sj|4550 Asnæs|4573 Højby'],
  ['316', 'Holbæk', 72, '4300 Holbæk|4390 Vipperød|4440 Mørkøv'],
  ['320', 'Faxe', 37, '4640 Faxe|4690 Haslev'],
  ['326', 'Kalundborg', 49, '4400 Kalundborg|4490 Jerslev Sjælland'],
  ['329', 'Ringsted', 35, '4100 Ringsted'],
  ['330', 'Slagelse', 79, '4200 Slagelse|4220 Korsør|4230 Skælskør'],
  ['336', 'Stevns', 23, '4660 Store Heddinge|4652 Hårlev'],
  ['340', 'Sorø', 30, '4180 Sorø|4293 Dianalund|4295 Stenlille'],
  ['350', 'Lejre', 28, '4320 Lejre|4330 Hvalsø'],
  ['360', 'Lolland', 41, '4900 Nakskov|4930 Maribo|4970 Rødby'],
  ['370', 'Næstved', 83, '4700 Næstved|4160 Herlufmagle'],
  ['376', 'Guldborgsund', 60, '4800 Nykøbing F|4990 Sakskøbing|4874 Gedser'],
  ['390', 'Vordingborg', 45, '4760 Vordingborg|4780 Stege|4720 Præstø'],
  ['400', 'Bornholm', 39, '3700 Rønne|3730 Nexø|3770 Allinge'],
  ['410', 'Middelfart', 39, '5500 Middelfart|5592 Ejby'],
  ['420', 'Assens', 41, '5610 Assens|5620 Glamsbjerg|5560 Aarup'],
  ['430', 'Faaborg-Midtfyn', 51, '5600 Faaborg|5750 Ringe|5672 Broby'],
  ['440', 'Kerteminde', 24, '5300 Kerteminde|5330 Munkebo'],
  ['450', 'Nyborg', 32, '5800 Nyborg|5853 Ørbæk'],
  ['461', 'Odense', 205, '5000 Odense C|5200 Odense V|5210 Odense NV|5220 Odense SØ|5230 Odense M|5240 Odense NØ|5250 Odense SV'],
  ['479', 'Svendborg', 59, '5700 Svendborg|5762 Vester Skerninge'],
  ['480', 'Nordfyns', 29, '5400 Bogense|5450 Otterup|5471 Søndersø'],
  ['482', 'Langeland', 12, '5900 Rudkøbing|5953 Tranekær'],
  ['492', 'Ærø', 6, '5970 Ærøskøbing|5960 Marstal'],
  ['510', 'Haderslev', 55, '6100 Haderslev|6500 Vojens'],
  ['530', 'Billund', 27, '7190 Billund|7200 Grindsted'],
  ['540', 'Sønderborg', 74, '6400 Sønderborg|6430 Nordborg|6440 Augustenborg'],
  ['550', 'Tønder', 37, '6270 Tønder|6280 Højer|6240 Løgumkloster'],
  ['561', 'Esbjerg', 116, '6700 Esbjerg|6705 Esbjerg Ø|6710 Esbjerg V|6715 Esbjerg N|6760 Ribe'],
  ['563', 'Fanø', 4, '6720 Fanø'],
  ['573', 'Varde', 50, '6800 Varde|6830 Nørre Nebel|6870 Ølgod'],
  ['575', 'Vejen', 43, '6600 Vejen|6630 Rødding|6650 Brørup'],
  ['580', 'Aabenraa', 59, '6200 Aabenraa|6230 Rødekro|6330 Padborg'],
  ['607', 'Fredericia', 52, '7000 Fredericia'],
  ['615', 'Horsens', 96, '8700 Horsens|8740 Brædstrup'],
  ['621', 'Kolding', 94, '6000 Kolding|6091 Bjert|6640 Lunderskov'],
  ['630', 'Vejle', 120, '7100 Vejle|7120 Vejle Øst|7300 Jelling|7080 Børkop'],
  ['657', 'Herning', 90, '7400 Herning|7480 Vildbjerg|7490 Aulum'],
  ['661', 'Holstebro', 59, '7500 Holstebro|7570 Vemb'],
  ['665', 'Lemvig', 19, '7620 Lemvig'],
  ['671', 'Struer', 21, '7600 Struer'],
  ['706', 'Syddjurs', 43, '8400 Ebeltoft|8410 Rønde|8550 Ryomgård'],
  ['707', 'Norddjurs', 37, '8500 Grenaa|8585 Glesborg|8586 Ørum Djurs'],
  ['710', 'Favrskov', 49, '8450 Hammel|8370 Hadsten|8382 Hinnerup'],
  ['727', 'Odder', 23, '8300 Odder'],
  ['730', 'Randers', 99, '8900 Randers C|8920 Randers NV|8930 Randers NØ|8940 Randers SV'],
  ['740', 'Silkeborg', 96, '8600 Silkeborg|8653 Them|8883 Gjern'],
  ['741', 'Samsø', 4, '8305 Samsø'],
  ['746', 'Skanderborg', 64, '8660 Skanderborg|8680 Ry|8362 Hørning'],
  ['751', 'Aarhus', 360, '8000 Aarhus C|8200 Aarhus N|8210 Aarhus V|8220 Brabrand|8230 Åbyhøj|8240 Risskov|8260 Viby J|8270 Højbjerg'],
  ['756', 'Ikast-Brande', 42, '7430 Ikast|7330 Brande'],
  ['760', 'Ringkøbing-Skjern', 56, '6950 Ringkøbing|6900 Skjern|6960 Hvide Sande'],
  ['766', 'Hedensted', 47, '8722 Hedensted|7130 Juelsminde|8783 Hornsyld'],
  ['773', 'Morsø', 20, '7900 Nykøbing M'],
  ['779', 'Skive', 46, '7800 Skive'],
  ['787', 'Thisted', 43, '7700 Thisted|7730 Hanstholm'],
  ['791', 'Viborg', 97, '8800 Viborg|8850 Bjerringbro'],
  ['810', 'Brønderslev', 36, '9700 Brønderslev|9740 Jerslev J'],
  ['813', 'Frederikshavn', 59, '9900 Frederikshavn|9300 Sæby|9990 Skagen'],
  ['820', 'Vesthimmerlands', 36, '9600 Aars|9640 Farsø|9670 Løgstør'],
  ['825', 'Læsø', 2, '9940 Læsø'],
  ['840', 'Rebild', 30, '9520 Skørping|9530 Støvring'],
  ['846', 'Mariagerfjord', 42, '9500 Hobro|9550 Mariager|9560 Hadsund'],
  ['849', 'Jammerbugt', 38, '9440 Aabybro|9460 Brovst|9490 Pandrup'],
  ['851', 'Aalborg', 220, '9000 Aalborg|9200 Aalborg SV|9210 Aalborg SØ|9220 Aalborg Øst|9400 Nørresundby'],
  ['860', 'Hjørring', 64, '9800 Hjørring|9850 Hirtshals|9870 Sindal'],
];

export const SCALE_MUNICIPALITIES: readonly ScaleMunicipality[] = ROWS.map(([id, name, population, postal]) => ({
  id,
  name,
  population,
  postalCodes: postal.split('|').map((entry) => {
    const space = entry.indexOf(' ');
    return [entry.slice(0, space), entry.slice(space + 1)] as const;
  }),
}));

/** Every municipality offers the demo's six grant areas. */
export const SCALE_GRANT_AREAS = ['Inkontinens', 'Stomi', 'Kateter', 'Diabetes', 'Ernæring', 'Sårpleje'] as const;

export const FEMALE_FIRST_NAMES = [
  'Anne', 'Kirsten', 'Mette', 'Hanne', 'Anna', 'Helle', 'Susanne', 'Lene', 'Maria', 'Marianne',
  'Lone', 'Camilla', 'Pia', 'Louise', 'Charlotte', 'Bente', 'Tina', 'Gitte', 'Inge', 'Karen',
  'Birgit', 'Jette', 'Else', 'Ida', 'Ulla', 'Grethe', 'Hanna', 'Inger', 'Kirstine', 'Ruth',
  'Dorthe', 'Lis', 'Birthe', 'Ellen', 'Eva', 'Jytte', 'Karin', 'Lise', 'Aase', 'Tove',
  'Vibeke', 'Rikke', 'Signe', 'Sofie', 'Emma', 'Julie', 'Nanna', 'Marie', 'Bodil', 'Edith',
] as const;

export const MALE_FIRST_NAMES = [
  'Peter', 'Jens', 'Lars', 'Michael', 'Henrik', 'Thomas', 'Søren', 'Jan', 'Niels', 'Christian',
  'Martin', 'Anders', 'Jørgen', 'Morten', 'Hans', 'Jesper', 'Ole', 'Per', 'Erik', 'Poul',
  'Kim', 'Bent', 'Torben', 'Carsten', 'Flemming', 'Finn', 'John', 'Knud', 'Preben', 'Kurt',
  'Svend', 'Leif', 'Bjarne', 'Steen', 'Kaj', 'Frank', 'Allan', 'Brian', 'Rasmus', 'Mads',
  'Jakob', 'Frederik', 'Mikkel', 'Kasper', 'Mogens', 'Arne', 'Aage', 'Holger', 'Ib', 'Verner',
] as const;

export const LAST_NAMES = [
  'Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen',
  'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen',
  'Knudsen', 'Jakobsen', 'Jacobsen', 'Mikkelsen', 'Olesen', 'Frederiksen', 'Laursen', 'Henriksen', 'Lund', 'Holm',
  'Schmidt', 'Eriksen', 'Kristiansen', 'Clausen', 'Simonsen', 'Svendsen', 'Andreasen', 'Iversen', 'Østergaard', 'Jeppesen',
  'Vestergaard', 'Nissen', 'Lauridsen', 'Kjær', 'Jespersen', 'Mogensen', 'Skov', 'Jepsen', 'Bach', 'Dam',
  'Søndergaard', 'Kjeldsen', 'Carlsen', 'Nørgaard', 'Lassen', 'Bertelsen', 'Friis', 'Bruun', 'Mathiasen', 'Dahl',
  'Winther', 'Lind', 'Berg', 'Thygesen', 'Gregersen', 'Toft', 'Koch', 'Hauge', 'Brandt', 'Kirkegaard',
  'Bak', 'Buch', 'Holst', 'Juhl', 'Høgh', 'Dalgaard', 'Damgaard', 'Krogh', 'Overgaard', 'Bisgaard',
  'Kofoed', 'Lorenzen', 'Ravn', 'Riis', 'Storm', 'Sommer', 'Bendtsen', 'Thorsen', 'Villadsen', 'Fisker',
  'Ahmed', 'Hussein', 'Yilmaz', 'Nowak', 'Kowalski', 'Ali', 'Nguyen', 'Larsson', 'Johansson', 'Berthelsen',
] as const;

export const STREET_NAMES = [
  'Vestergade', 'Østergade', 'Nørregade', 'Søndergade', 'Algade', 'Storegade', 'Kirkevej', 'Skolevej', 'Møllevej', 'Stationsvej',
  'Skovvej', 'Engvej', 'Bakkevej', 'Strandvej', 'Parkvej', 'Birkevej', 'Bøgevej', 'Egevej', 'Granvej', 'Kastanievej',
  'Lindevej', 'Ahornvej', 'Rosenvej', 'Tulipanvej', 'Violvej', 'Syrenvej', 'Fasanvej', 'Solvej', 'Havevej', 'Markvej',
  'Vænget', 'Kløvervej', 'Hybenvej', 'Åvej', 'Fjordvej', 'Industrivej', 'Nygade', 'Torvegade', 'Jernbanegade', 'Kongensgade',
  'Dronningensgade', 'Frederiksgade', 'Christiansgade', 'Slotsgade', 'Havnegade', 'Brogade', 'Smedegade', 'Bredgade', 'Lærkevej', 'Valmuevej',
] as const;
