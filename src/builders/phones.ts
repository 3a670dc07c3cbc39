import type { Stream } from '../random/rng.js';

/** US geographic area codes in service (NANP), the numbers AgentPhone sells. */
const US_AREA_CODES = [
  201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228, 229, 231, 234,
  239, 240, 248, 251, 252, 253, 254, 256, 260, 262, 267, 269, 270, 276, 281, 301, 302, 303, 304, 305, 307, 308, 309,
  310, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321, 323, 325, 330, 334, 336, 337, 339, 347, 351, 352, 360, 361,
  385, 386, 401, 402, 404, 405, 406, 407, 408, 409, 410, 412, 413, 414, 415, 417, 419, 423, 424, 425, 432, 434, 435,
  440, 443, 469, 470, 475, 478, 479, 480, 484, 501, 502, 503, 504, 505, 507, 508, 509, 510, 512, 513, 515, 516, 517,
  518, 520, 530, 540, 541, 551, 559, 561, 562, 563, 567, 570, 571, 573, 574, 575, 580, 585, 586, 601, 602, 603, 605,
  606, 607, 608, 609, 610, 612, 614, 615, 616, 617, 618, 619, 620, 623, 626, 628, 629, 630, 631, 636, 641, 646, 650,
  651, 657, 660, 661, 662, 678, 681, 682, 701, 702, 703, 704, 706, 707, 708, 712, 713, 714, 715, 716, 717, 718, 719,
  720, 724, 727, 731, 732, 734, 737, 740, 754, 757, 760, 762, 763, 765, 770, 772, 773, 774, 775, 781, 785, 786, 801,
  802, 803, 804, 805, 806, 808, 810, 812, 813, 814, 815, 816, 817, 818, 828, 830, 831, 832, 843, 845, 847, 848, 850,
  856, 857, 858, 859, 860, 862, 863, 864, 865, 870, 878, 901, 903, 904, 906, 907, 908, 909, 910, 912, 913, 914, 915,
  916, 917, 918, 919, 920, 925, 928, 929, 931, 936, 937, 940, 941, 947, 949, 951, 952, 954, 956, 970, 971, 972, 973,
  978, 979, 980, 985, 989,
] as const;

/** Canadian area codes (also +1). */
const CA_AREA_CODES = [204, 236, 250, 289, 306, 343, 403, 416, 418, 438, 450, 506, 514, 519, 587, 604, 613, 647, 705, 780, 807, 819, 902, 905] as const;

/** Exchange codes that are not assignable or read as fake: N11 service codes, 555, 950, 958, 959, 976. */
function isUsableExchange(nxx: number): boolean {
  if (nxx % 100 === 11) return false;
  return nxx !== 555 && nxx !== 950 && nxx !== 958 && nxx !== 959 && nxx !== 976;
}

function nanp(r: Stream, areaCodes: readonly number[]): string {
  const npa = r.pick(areaCodes);
  let nxx = r.int(200, 999);
  while (!isUsableExchange(nxx)) nxx = r.int(200, 999);
  const line = r.int(0, 9999).toString().padStart(4, '0');
  return `+1${npa}${nxx}${line}`;
}

/**
 * A US number in E.164 with an area code in service and a valid exchange (first digit 2–9, not
 * N11 or 555): what AgentPhone's own numbers look like.
 */
export function usPhone(r: Stream): string {
  return nanp(r, US_AREA_CODES);
}

/** Mobile number plans outside the US: [country code, first digits, remaining digit count]. */
const INTERNATIONAL: readonly (readonly [string, readonly string[], number])[] = [
  ['44', ['74', '75', '77', '78', '79'], 8], // United Kingdom
  ['52', ['155', '133', '181'], 7], // Mexico
  ['91', ['98', '99', '97', '70', '80'], 8], // India
  ['49', ['151', '160', '170', '176'], 8], // Germany
  ['61', ['4'], 8], // Australia
  ['33', ['6', '7'], 8], // France
];

/**
 * A customer's number: mostly US, sometimes Canadian, now and then another country (customers
 * text and call from anywhere).
 */
export function customerPhone(r: Stream): string {
  const roll = r.next();
  if (roll < 0.9) return nanp(r, US_AREA_CODES);
  if (roll < 0.95) return nanp(r, CA_AREA_CODES);
  const [cc, prefixes, rest] = r.pick(INTERNATIONAL);
  return `+${cc}${r.pick(prefixes)}${r.chars('0123456789', rest)}`;
}
