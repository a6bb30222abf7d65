/**
 * Vehicles as the insurer's core system lists them: 厂牌型号 (brand + type-approval model),
 * a VIN whose manufacturer code fits the brand and whose check digit is right, and a GA 36
 * plate of 冀, 京 or 津 — green 8-character plates for new-energy cars, 挂 for trailers.
 */
import type { Rng } from './random';
import { vinCheckDigit } from '../rules/vin';

export type PlateStyle = 'ordinary' | 'newEnergySmall' | 'newEnergyLarge' | 'trailer';

interface Model {
  makeModel: string;
  /** World manufacturer identifier + vehicle descriptor section (VIN positions 1–8). */
  prefix: string;
  plate: PlateStyle;
  use: string;
  /** Typical 商业险 premium range in yuan. */
  premium: readonly [number, number];
  /** 交强险 base premium in yuan. */
  compulsory: number;
  weight: number;
}

const MODELS: readonly Model[] = [
  {
    makeModel: '大众FV7152FBDBG',
    prefix: 'LFV2A21K',
    plate: 'ordinary',
    use: '家庭自用',
    premium: [2100, 3600],
    compulsory: 950,
    weight: 8,
  },
  {
    makeModel: '大众SVW71810BU',
    prefix: 'LSVAM4A8',
    plate: 'ordinary',
    use: '家庭自用',
    premium: [2800, 4800],
    compulsory: 950,
    weight: 6,
  },
  {
    makeModel: '丰田TV7180GLXE',
    prefix: 'LFMA1BE3',
    plate: 'ordinary',
    use: '家庭自用',
    premium: [2300, 3900],
    compulsory: 950,
    weight: 7,
  },
  {
    makeModel: '丰田GTM7250GB',
    prefix: 'LVGB3EK5',
    plate: 'ordinary',
    use: '家庭自用',
    premium: [3600, 5900],
    compulsory: 950,
    weight: 4,
  },
  {
    makeModel: '本田HG7155ABC5',
    prefix: 'LHGRU584',
    plate: 'ordinary',
    use: '家庭自用',
    premium: [2600, 4300],
    compulsory: 950,
    weight: 5,
  },
  {
    makeModel: '日产DFL7168VBL2',
    prefix: 'LGBH52E0',
    plate: 'ordinary',
    use: '家庭自用',
    premium: [2000, 3400],
    compulsory: 950,
    weight: 6,
  },
  {
    makeModel: '别克SGM7158DAA1',
    prefix: 'LSGKU54L',
    plate: 'ordinary',
    use: '家庭自用',
    premium: [2400, 4000],
    compulsory: 950,
    weight: 4,
  },
  {
    makeModel: '哈弗CC6460RM0A',
    prefix: 'LGWEF4A1',
    plate: 'ordinary',
    use: '家庭自用',
    premium: [2500, 4200],
    compulsory: 950,
    weight: 5,
  },
  {
    makeModel: '吉利MR7153D01',
    prefix: 'L6T79C2G',
    plate: 'ordinary',
    use: '家庭自用',
    premium: [1900, 3200],
    compulsory: 950,
    weight: 4,
  },
  {
    makeModel: '长安SC7169B5',
    prefix: 'LS5A2DE5',
    plate: 'ordinary',
    use: '家庭自用',
    premium: [1800, 3000],
    compulsory: 950,
    weight: 3,
  },
  {
    makeModel: '别克GL8 SGM6521UAA2',
    prefix: 'LSGUD84X',
    plate: 'ordinary',
    use: '非营业企业客车',
    premium: [4200, 6800],
    compulsory: 1100,
    weight: 2,
  },
  {
    makeModel: '比亚迪BYD7005BEVA',
    prefix: 'LGXC16C4',
    plate: 'newEnergySmall',
    use: '家庭自用',
    premium: [3200, 5200],
    compulsory: 950,
    weight: 4,
  },
  {
    makeModel: '特斯拉TSL7000BEVAR3',
    prefix: 'LRWYGEF1',
    plate: 'newEnergySmall',
    use: '家庭自用',
    premium: [5200, 8900],
    compulsory: 950,
    weight: 2,
  },
  {
    makeModel: '五菱LZW7001EVABH',
    prefix: 'LZWACAG6',
    plate: 'newEnergySmall',
    use: '家庭自用',
    premium: [1200, 1900],
    compulsory: 950,
    weight: 2,
  },
  {
    makeModel: '福田BJ5045XXYEV3',
    prefix: 'LVBD4BB5',
    plate: 'newEnergyLarge',
    use: '营业货车',
    premium: [3800, 6200],
    compulsory: 1850,
    weight: 1,
  },
  {
    makeModel: '解放CA4250P66K24T1E5',
    prefix: 'LFWHRUJ5',
    plate: 'ordinary',
    use: '营业货车',
    premium: [9800, 16800],
    compulsory: 4480,
    weight: 2,
  },
  {
    makeModel: '中集ZJV9400TJZQD',
    prefix: 'LJRSC3D2',
    plate: 'trailer',
    use: '营业挂车',
    premium: [2600, 4200],
    compulsory: 1330,
    weight: 1,
  },
];

const MODEL_CHOICES = MODELS.map((m) => [m, m.weight] as const);

// Authority letters of 冀 (唐山 B and 秦皇岛 C most of all: the agency is 冀东), 京 and 津.
const PLATE_HEADS = [
  ['冀B', 30],
  ['冀C', 6],
  ['冀A', 3],
  ['冀R', 2],
  ['京A', 2],
  ['京N', 2],
  ['京Q', 1],
  ['津A', 2],
  ['津C', 1],
  ['津M', 1],
] as const;
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
const NEW_ENERGY_LETTERS = 'DF';
// Model-year letters 2016–2025 (position 10; I, O, Q, U, Z and 0 are never used).
const YEAR_CODES = 'GHJKLMNPRS';

export interface Vehicle {
  plateNo: string;
  vin: string;
  makeModel: string;
  useNature: string;
  compulsoryPremium: number;
  premiumRange: readonly [number, number];
}

/** The body of an ordinary plate: mostly digits, at most two letters, as issued since 2007. */
function ordinaryBody(rng: Rng): string {
  const letters = rng.weighted([
    [0, 4],
    [1, 5],
    [2, 2],
  ] as const);
  const chars = [...rng.chars(DIGITS, 5)];
  for (let i = 0; i < letters; i++) chars[rng.int(0, 4)] = rng.pick([...LETTERS]);
  return chars.join('');
}

export function plate(rng: Rng, style: PlateStyle): string {
  const head = rng.weighted(PLATE_HEADS);
  switch (style) {
    case 'ordinary':
      return head + ordinaryBody(rng);
    case 'newEnergySmall':
      return head + rng.pick([...NEW_ENERGY_LETTERS]) + rng.chars(LETTERS + DIGITS + DIGITS, 1) + rng.digits(4);
    case 'newEnergyLarge':
      return head + rng.digits(5) + rng.pick([...NEW_ENERGY_LETTERS]);
    case 'trailer':
      return head + rng.digits(4) + '挂';
  }
}

/** A VIN with the right check digit for the model's manufacturer and descriptor. */
export function vinFor(rng: Rng, prefix: string): string {
  const rest = rng.pick([...YEAR_CODES]) + rng.chars('1234ABCDEFGH', 1) + rng.digits(6);
  const draft = `${prefix}0${rest}`;
  return `${prefix}${vinCheckDigit(draft)}${rest}`;
}

export function vehicle(rng: Rng): Vehicle {
  const m = rng.weighted(MODEL_CHOICES);
  return {
    plateNo: plate(rng, m.plate),
    vin: vinFor(rng, m.prefix),
    makeModel: m.makeModel,
    useNature: m.use,
    compulsoryPremium: m.compulsory,
    premiumRange: m.premium,
  };
}

/** The same VIN with a wrong check digit, as when a clerk mistypes position 9. */
export function withWrongCheckDigit(vin: string): string {
  const right = vin[8];
  const wrong = right === 'X' ? '5' : String((Number(right) + 4) % 10);
  return vin.slice(0, 8) + wrong + vin.slice(9);
}
