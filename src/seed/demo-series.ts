/**
 * The data of the demo catalogue (demo-catalogue.ts): series of realistic products in the six demo grant
 * areas — sizes, absorbencies, diameters, CH sizes as the variants of a series — with sales units and list
 * prices in øre. Brands and manufacturers are invented.
 */

export interface DemoVariant {
  readonly label: string;
  readonly pieces: number;
  /** List price per sales unit, øre. */
  readonly price: number;
  readonly unit?: string;
}

export interface DemoSeries {
  /** null: loose products that are not sizes of each other (accessories). */
  readonly seriesId: string | null;
  readonly code: string;
  readonly name: string;
  readonly group: readonly [string, string];
  readonly manufacturer: string;
  readonly description: string;
  readonly unit: string;
  readonly datasheet?: boolean;
  readonly variants: readonly DemoVariant[];
}

/** Whole kroner and øre → øre, in integers. */
const kr = (kroner: number, oere = 0): number => kroner * 100 + oere;

const v = (label: string, pieces: number, price: number, unit?: string): DemoVariant => ({ label, pieces, price, ...(unit ? { unit } : {}) });

const grid = <A, B>(as: readonly A[], bs: readonly B[]): (readonly [A, B])[] => as.flatMap((a) => bs.map((b) => [a, b] as const));

/** Invented manufacturers: no demo price can be mistaken for a real supplier's. */
export const DEMO_MANUFACTURERS = {
  NORDVIG: 'Nordvig Medical',
  HAFNIA: 'Hafnia Care',
  SKAGEN: 'Skagen Stomi',
  LYNGBY: 'Lyngby Urologi',
  GLYKO: 'Glyko Diagnostics',
  NORDNAERING: 'Nordnæring',
  MEDISKUM: 'Mediskum',
  STERIVEV: 'Sterivev',
} as const;
const { NORDVIG, HAFNIA, SKAGEN, LYNGBY, GLYKO, NORDNAERING, MEDISKUM, STERIVEV } = DEMO_MANUFACTURERS;

const DIAMETERS = [20, 25, 30, 35, 40, 45, 50, 55, 60];
const FLANGES = [40, 50, 60, 70];
const CH_ADULT = [8, 10, 12, 14, 16, 18];

/** The series of each demo grant area, in the order of the item numbers' first digit. */
export const DEMO_SERIES_BY_AREA: readonly (readonly DemoSeries[])[] = [
  // 1 Inkontinens
  [
    {
      seriesId: 'NV-SLIP', code: 'NVS', name: 'Nordvig Slip', group: ['Inkontinens', 'Bleer'],
      manufacturer: NORDVIG, unit: 'pose', datasheet: true,
      description: 'Åndbar all-in-one ble med genlukkelig tape og vådindikator. Til moderat til svær inkontinens.',
      variants: grid(['Plus', 'Super', 'Maxi'], ['S', 'M', 'L', 'XL']).map(([level, size]) => {
        const step = ['Plus', 'Super', 'Maxi'].indexOf(level);
        const pieces = [30, 28, 24][step]! - (size === 'XL' ? 2 : 0);
        return v(`${level} str. ${size}`, pieces, kr(199 + 30 * step + (size === 'L' || size === 'XL' ? 10 : 0)));
      }),
    },
    {
      seriesId: 'NV-PANTS', code: 'NVP', name: 'Nordvig Pants', group: ['Inkontinens', 'Trusser'],
      manufacturer: NORDVIG, unit: 'pose',
      description: 'Engangsbuks der tages på som almindeligt undertøj. Blød elastik og lugtneutraliserende kerne.',
      variants: grid(['Normal', 'Super'], ['XS', 'S', 'M', 'L', 'XL', 'XXL']).map(([level, size]) =>
        level === 'Normal' ? v(`${level} str. ${size}`, 14, kr(139)) : v(`${level} str. ${size}`, 12, kr(159)),
      ),
    },
    {
      seriesId: 'HC-LADY', code: 'HCL', name: 'Hafnia Lady', group: ['Inkontinens', 'Indlæg'],
      manufacturer: HAFNIA, unit: 'pakke',
      description: 'Diskret indlæg til kvinder med let til moderat urinlækage. Fastholdes i almindelige trusser.',
      variants: ['Mini', 'Normal', 'Extra', 'Super', 'Maxi'].map((level, i) => v(level, [30, 24, 20, 16, 12][i]!, kr(39 + 5 * i, 95))),
    },
    {
      seriesId: 'HC-MEN', code: 'HCM', name: 'Hafnia Men', group: ['Inkontinens', 'Indlæg'],
      manufacturer: HAFNIA, unit: 'pakke',
      description: 'Anatomisk formet indlæg til mænd, med klæbestrimmel.',
      variants: ['Level 1', 'Level 2', 'Level 3', 'Beskyttelse'].map((level, i) => v(level, [24, 20, 16, 14][i]!, kr(54 + 5 * i, 95))),
    },
    {
      seriesId: 'NV-FORM', code: 'NVF', name: 'Nordvig Form', group: ['Inkontinens', 'Bleer'],
      manufacturer: NORDVIG, unit: 'pose',
      description: 'Formstykke til brug med fikseringstrusse. Til dag og nat.',
      variants: ['Normal', 'Plus', 'Extra', 'Super', 'Maxi', 'Nat'].map((level, i) => v(level, 30 - 2 * i, kr(149 + 12 * i))),
    },
    {
      seriesId: 'HC-UNDERLAG', code: 'HCU', name: 'Hafnia Underlag', group: ['Inkontinens', 'Underlag'],
      manufacturer: HAFNIA, unit: 'pose',
      description: 'Sengeunderlag med sugende kerne og væsketæt bagside.',
      variants: [
        ...['40 x 60 cm', '60 x 60 cm', '60 x 90 cm'].map((size, i) => v(`engangs ${size}`, 30, kr(89 + 20 * i))),
        ...['75 x 85 cm', '85 x 90 cm'].map((size, i) => v(`vaskbart ${size}`, 1, kr(249 + 40 * i), 'stk')),
      ],
    },
    {
      seriesId: 'NV-FIX', code: 'NVX', name: 'Nordvig Fix fikseringstrusse', group: ['Inkontinens', 'Trusser'],
      manufacturer: NORDVIG, unit: 'pakke',
      description: 'Elastisk netbuks, der holder formstykket på plads. Kan vaskes op til 50 gange.',
      variants: ['S', 'M', 'L', 'XL', 'XXL'].map((size) => v(`str. ${size}`, 5, kr(95))),
    },
  ],
  // 2 Stomi
  [
    {
      seriesId: 'SK-COLO', code: 'SKC', name: 'Skagen Colo lukket pose', group: ['Stomi', 'Poser'],
      manufacturer: SKAGEN, unit: 'æske', datasheet: true,
      description: '1-dels lukket kolostomipose med filter og blød hudplade.',
      variants: grid(DIAMETERS, ['transparent', 'hudfarvet']).map(([mm, colour]) => v(`${mm} mm ${colour}`, 30, kr(879 + mm))),
    },
    {
      seriesId: 'SK-ILEO', code: 'SKI', name: 'Skagen Ileo tømbar pose', group: ['Stomi', 'Poser'],
      manufacturer: SKAGEN, unit: 'æske', datasheet: true,
      description: '1-dels tømbar ileostomipose med integreret lukning.',
      variants: grid(DIAMETERS, ['midi', 'maxi']).map(([mm, size]) => v(`${mm} mm ${size}`, 20, kr(size === 'midi' ? 1049 : 1089))),
    },
    {
      seriesId: 'SK-URO', code: 'SKU', name: 'Skagen Uro urostomipose', group: ['Stomi', 'Poser'],
      manufacturer: SKAGEN, unit: 'æske',
      description: '1-dels urostomipose med kontraventil og tømmehane.',
      variants: [20, 25, 30, 35, 40, 45].map((mm) => v(`${mm} mm`, 10, kr(689))),
    },
    {
      seriesId: 'SK-DUO-PLADE', code: 'SKDP', name: 'Skagen Duo basisplade', group: ['Stomi', 'Plader'],
      manufacturer: SKAGEN, unit: 'æske',
      description: '2-dels basisplade med mekanisk kobling.',
      variants: grid(FLANGES, ['flad', 'konveks']).map(([mm, shape]) => v(`${mm} mm ${shape}`, 5, kr(shape === 'flad' ? 489 : 549))),
    },
    {
      seriesId: 'SK-DUO-POSE', code: 'SKDO', name: 'Skagen Duo pose', group: ['Stomi', 'Poser'],
      manufacturer: SKAGEN, unit: 'æske',
      description: '2-dels pose til Skagen Duo basisplade.',
      variants: grid(FLANGES, ['lukket', 'tømbar']).map(([mm, kind]) =>
        kind === 'lukket' ? v(`${mm} mm ${kind}`, 30, kr(629)) : v(`${mm} mm ${kind}`, 20, kr(749)),
      ),
    },
    {
      seriesId: 'SK-RING', code: 'SKR', name: 'Skagen hudring', group: ['Stomi', 'Tilbehør'],
      manufacturer: SKAGEN, unit: 'æske',
      description: 'Formbar hudring, der tætner mellem stomi og hudplade.',
      variants: grid(['2,0 mm', '4,2 mm'], ['48 mm', '98 mm']).map(([thickness, outer]) => v(`${thickness} Ø ${outer}`, 10, kr(289))),
    },
    {
      seriesId: null, code: 'SKT', name: 'Skagen', group: ['Stomi', 'Tilbehør'],
      manufacturer: SKAGEN, unit: 'stk',
      description: 'Tilbehør til stomipleje.',
      variants: [
        v('klæbefjerner spray 50 ml', 1, kr(129)),
        v('klæbefjerner servietter', 30, kr(149), 'æske'),
        v('hudbeskyttelse servietter', 30, kr(169), 'æske'),
        v('stomipasta 60 g', 1, kr(119), 'tube'),
        v('lugtfjerner dråber 50 ml', 1, kr(89, 50), 'flaske'),
        v('stomibælte', 1, kr(199)),
      ],
    },
  ],
  // 3 Kateter
  [
    {
      seriesId: 'LC-MAND', code: 'LCM', name: 'Lyngby Cath Mand', group: ['Kateter', 'Engangskatetre'],
      manufacturer: LYNGBY, unit: 'æske', datasheet: true,
      description: 'Hydrofilt engangskateter til mænd, 40 cm, klar til brug.',
      variants: grid(['Nelaton', 'Tiemann'], CH_ADULT).map(([tip, ch]) => v(`${tip} CH ${ch}`, 30, tip === 'Nelaton' ? kr(1299, 50) : kr(1389))),
    },
    {
      seriesId: 'LC-KVINDE', code: 'LCK', name: 'Lyngby Cath Kvinde', group: ['Kateter', 'Engangskatetre'],
      manufacturer: LYNGBY, unit: 'æske', datasheet: true,
      description: 'Hydrofilt engangskateter til kvinder, 20 cm.',
      variants: CH_ADULT.slice(0, 5).map((ch) => v(`CH ${ch}`, 30, kr(1149))),
    },
    {
      seriesId: 'LC-BARN', code: 'LCB', name: 'Lyngby Cath Barn', group: ['Kateter', 'Engangskatetre'],
      manufacturer: LYNGBY, unit: 'æske',
      description: 'Hydrofilt engangskateter til børn, 30 cm.',
      variants: [6, 8, 10].map((ch) => v(`CH ${ch}`, 30, kr(1099))),
    },
    {
      seriesId: 'LC-SET', code: 'LCS', name: 'Lyngby Cath Set', group: ['Kateter', 'Engangskatetre'],
      manufacturer: LYNGBY, unit: 'æske',
      description: 'Engangskateter med integreret opsamlingspose, til brug på farten.',
      variants: grid(['mand', 'kvinde'], [10, 12, 14, 16]).map(([who, ch]) => v(`${who} CH ${ch}`, 20, kr(1499))),
    },
    {
      seriesId: 'HC-URIDOM', code: 'HCD', name: 'Hafnia Uridom', group: ['Kateter', 'Uridomer'],
      manufacturer: HAFNIA, unit: 'æske',
      description: 'Selvklæbende uridom af silikone.',
      variants: grid(['standard', 'kort'], [21, 25, 29, 32, 36, 41]).map(([length, mm]) => v(`${length} ${mm} mm`, 30, kr(459))),
    },
    {
      seriesId: 'HC-BENPOSE', code: 'HCB', name: 'Hafnia Benpose', group: ['Kateter', 'Urinposer'],
      manufacturer: HAFNIA, unit: 'æske',
      description: 'Urinpose til benet, med tømmehane og kontraventil.',
      variants: grid([350, 500, 750], [10, 30, 45]).map(([ml, cm]) => v(`${ml} ml slange ${cm} cm`, 10, kr(ml === 750 ? 239 : 219))),
    },
    {
      seriesId: 'HC-NATPOSE', code: 'HCN', name: 'Hafnia Natpose', group: ['Kateter', 'Urinposer'],
      manufacturer: HAFNIA, unit: 'æske',
      description: 'Natpose 2000 ml.',
      variants: [v('2000 ml uden tømmehane', 10, kr(89)), v('2000 ml med tømmehane', 10, kr(129))],
    },
  ],
  // 4 Diabetes
  [
    {
      seriesId: 'GL-STRIP', code: 'GLS', name: 'Glyko teststrimler', group: ['Diabetes', 'Teststrimler'],
      manufacturer: GLYKO, unit: 'æske', datasheet: true,
      description: 'Teststrimler til blodsukkermåling.',
      variants: [
        v('One 50 stk.', 50, kr(329)),
        v('One 100 stk.', 100, kr(629)),
        v('Smart 50 stk.', 50, kr(349)),
        v('Smart 100 stk.', 100, kr(669)),
        v('Keton 10 stk.', 10, kr(279)),
      ],
    },
    {
      seriesId: 'NF-KANYLE', code: 'NFK', name: 'NordFine pennekanyle', group: ['Diabetes', 'Kanyler'],
      manufacturer: NORDVIG, unit: 'æske',
      description: 'Pennekanyle til insulinpenne.',
      variants: ['4 mm 32G', '5 mm 31G', '6 mm 31G', '8 mm 30G', '12 mm 29G'].map((size) => v(size, 100, kr(189))),
    },
    {
      seriesId: 'NF-SAFETY', code: 'NFS', name: 'NordFine Safety sikkerhedskanyle', group: ['Diabetes', 'Kanyler'],
      manufacturer: NORDVIG, unit: 'æske',
      description: 'Pennekanyle med automatisk nålebeskyttelse.',
      variants: ['5 mm 30G', '8 mm 30G'].map((size) => v(size, 100, kr(649))),
    },
    {
      seriesId: 'GL-LANCET', code: 'GLL', name: 'Glyko lancetter', group: ['Diabetes', 'Lancetter'],
      manufacturer: GLYKO, unit: 'æske',
      description: 'Lancetter til fingerprikker.',
      variants: [v('28G', 200, kr(99)), v('30G', 200, kr(99)), v('33G', 100, kr(79))],
    },
    {
      seriesId: 'NF-SPROEJTE', code: 'NFP', name: 'NordFine insulinsprøjte', group: ['Diabetes', 'Kanyler'],
      manufacturer: NORDVIG, unit: 'æske',
      description: 'Insulinsprøjte med fast kanyle, 8 mm 30G.',
      variants: ['0,3 ml', '0,5 ml', '1 ml'].map((size) => v(size, 100, kr(245))),
    },
    {
      seriesId: 'GL-SENSE', code: 'GLE', name: 'Glyko Sense sensor', group: ['Diabetes', 'Sensorer'],
      manufacturer: GLYKO, unit: 'pakke', datasheet: true,
      description: 'Sensor til kontinuerlig glukosemåling, 14 dage.',
      variants: [v('1 stk.', 1, kr(595)), v('3 stk.', 3, kr(1695))],
    },
    {
      seriesId: null, code: 'GLK', name: 'Glyko kontrolvæske', group: ['Diabetes', 'Teststrimler'],
      manufacturer: GLYKO, unit: 'flaske',
      description: 'Kontrolvæske til Glyko blodsukkerapparater.',
      variants: [v('normal 4 ml', 1, kr(69))],
    },
  ],
  // 5 Ernæring
  [
    {
      seriesId: 'NN-PROTEIN', code: 'NNP', name: 'Nordnæring Protein Drik 200 ml', group: ['Ernæring', 'Drikkevarer'],
      manufacturer: NORDNAERING, unit: 'pakke',
      description: 'Proteinrig, energitæt drik. 300 kcal og 20 g protein pr. flaske.',
      variants: ['jordbær', 'vanilje', 'chokolade', 'banan', 'skovbær', 'kaffe', 'neutral'].map((taste) => v(taste, 4, kr(79))),
    },
    {
      seriesId: 'NN-COMPACT', code: 'NNC', name: 'Nordnæring Compact 125 ml', group: ['Ernæring', 'Drikkevarer'],
      manufacturer: NORDNAERING, unit: 'pakke',
      description: 'Lille, meget energitæt drik. 300 kcal pr. flaske.',
      variants: ['jordbær', 'vanilje', 'chokolade', 'banan', 'abrikos', 'neutral'].map((taste) => v(taste, 4, kr(84))),
    },
    {
      seriesId: 'NN-ENERGI', code: 'NNE', name: 'Nordnæring Energi Juice 200 ml', group: ['Ernæring', 'Drikkevarer'],
      manufacturer: NORDNAERING, unit: 'pakke',
      description: 'Fedtfri juicedrik med ekstra energi.',
      variants: ['æble', 'appelsin', 'hyldeblomst', 'tropisk'].map((taste) => v(taste, 4, kr(69))),
    },
    {
      seriesId: 'NN-FORTYK', code: 'NNF', name: 'Nordnæring Fortykning', group: ['Ernæring', 'Fortykningsmiddel'],
      manufacturer: NORDNAERING, unit: 'dåse',
      description: 'Fortykningsmiddel til drikke og mad ved synkebesvær.',
      variants: [v('pulver 175 g', 1, kr(119)), v('portionsbreve 1,2 g', 50, kr(149), 'æske')],
    },
    {
      seriesId: 'NN-SONDE', code: 'NNS', name: 'Nordnæring Sonde', group: ['Ernæring', 'Sondeernæring'],
      manufacturer: NORDNAERING, unit: 'karton',
      description: 'Fuldgyldig sondeernæring i pose til sondesæt.',
      variants: [
        ...grid(['Standard', 'Fiber', 'Energi'], [500, 1000]).map(([kind, ml]) =>
          ml === 500 ? v(`${kind} ${ml} ml`, 12, kr(396)) : v(`${kind} ${ml} ml`, 8, kr(512)),
        ),
        v('Peptid 500 ml', 12, kr(468)),
      ],
    },
    {
      seriesId: 'NN-DESSERT', code: 'NND', name: 'Nordnæring Protein Dessert 125 g', group: ['Ernæring', 'Drikkevarer'],
      manufacturer: NORDNAERING, unit: 'pakke',
      description: 'Cremet dessert med højt proteinindhold.',
      variants: ['vanilje', 'chokolade', 'karamel', 'jordbær'].map((taste) => v(taste, 4, kr(72))),
    },
  ],
  // 6 Sårpleje
  [
    {
      seriesId: 'MS-SKUM', code: 'MSS', name: 'Mediskum Silikone', group: ['Sårpleje', 'Skumbandager'],
      manufacturer: MEDISKUM, unit: 'æske', datasheet: true,
      description: 'Skumbandage med skånsom silikoneklæber. Til sår med moderat væskning.',
      variants: grid(['med kant', 'uden kant'], ['7,5 x 7,5', '10 x 10', '12,5 x 12,5', '15 x 15', '17,5 x 17,5', '20 x 20']).map(
        ([kind, size], i) => v(`${kind} ${size} cm`, 10, kr(189 + 55 * (i % 6) + (kind === 'med kant' ? 30 : 0))),
      ),
    },
    {
      seriesId: 'MS-FORM', code: 'MSF', name: 'Mediskum Form', group: ['Sårpleje', 'Skumbandager'],
      manufacturer: MEDISKUM, unit: 'æske',
      description: 'Formet skumbandage til udsatte steder.',
      variants: [v('sacrum 16 x 20 cm', 10, kr(489)), v('sacrum 22 x 25 cm', 10, kr(629)), v('hæl 17 x 21 cm', 5, kr(349))],
    },
    {
      seriesId: 'MS-ALGINAT', code: 'MSA', name: 'Mediskum Alginat', group: ['Sårpleje', 'Bandager'],
      manufacturer: MEDISKUM, unit: 'æske',
      description: 'Alginatbandage til stærkt væskende sår.',
      variants: [v('5 x 5 cm', 10, kr(159)), v('10 x 10 cm', 10, kr(279)), v('15 x 15 cm', 10, kr(449)), v('tamponade 2 g', 5, kr(239))],
    },
    {
      seriesId: 'MS-HYDRO', code: 'MSH', name: 'Mediskum Hydrokolloid', group: ['Sårpleje', 'Bandager'],
      manufacturer: MEDISKUM, unit: 'æske',
      description: 'Hydrokolloid bandage, der holder såret fugtigt.',
      variants: grid(['tynd', 'tyk'], ['10 x 10', '15 x 15', '20 x 20']).map(([kind, size], i) =>
        v(`${kind} ${size} cm`, kind === 'tynd' ? 10 : 5, kr(149 + 60 * (i % 3))),
      ),
    },
    {
      seriesId: 'SV-KOMPRES', code: 'SVK', name: 'Sterivev gazekompres', group: ['Sårpleje', 'Kompresser'],
      manufacturer: STERIVEV, unit: 'æske',
      description: 'Gazekompres, 8 lag.',
      variants: grid(['steril', 'usteril'], ['5 x 5', '7,5 x 7,5', '10 x 10']).map(([kind, size], i) =>
        kind === 'steril'
          ? v(`${kind} ${size} cm`, 25, kr(39 + 6 * (i % 3), 95))
          : v(`${kind} ${size} cm`, 100, kr(29 + 8 * (i % 3), 95), 'pose'),
      ),
    },
    {
      seriesId: 'SV-FIX', code: 'SVF', name: 'Sterivev fiksering', group: ['Sårpleje', 'Fiksering'],
      manufacturer: STERIVEV, unit: 'rulle',
      description: 'Hudvenlig fiksering af bandager.',
      variants: [
        v('plaster 2,5 cm x 9,1 m', 1, kr(24, 95)),
        v('plaster 5 cm x 9,1 m', 1, kr(39, 95)),
        v('bandage 5 cm x 10 m', 1, kr(29, 95)),
        v('bandage 10 cm x 10 m', 1, kr(44, 95)),
      ],
    },
    {
      seriesId: 'SV-FILM', code: 'SVM', name: 'Sterivev filmbandage', group: ['Sårpleje', 'Bandager'],
      manufacturer: STERIVEV, unit: 'æske',
      description: 'Transparent, vandtæt filmbandage.',
      variants: [v('6 x 7 cm', 50, kr(149)), v('10 x 12 cm', 50, kr(259)), v('15 x 20 cm', 10, kr(119))],
    },
  ],
];
