// The demo shop's catalog, shipping and codes: a small hand-dyed yarn business.
import type { DiscountKind } from "@/lib/db/schema";

export type ColourKey = keyof typeof COLOURS;

/** Colourways and the two tones their swatch SVG (public/images/yarn/<key>.svg) is drawn with. */
export const COLOURS = {
  hawthorn: { name: "Hawthorn", tones: ["#8c1c2b", "#c2485a"] },
  sloe: { name: "Sloe", tones: ["#2d2a4a", "#5b5391"] },
  elderflower: { name: "Elderflower", tones: ["#e9e4c9", "#f7f3de"] },
  bracken: { name: "Bracken", tones: ["#8a4b1f", "#c27a3a"] },
  heather: { name: "Heather", tones: ["#7d5a86", "#b38fbd"] },
  moss: { name: "Moss", tones: ["#4f6a2c", "#86a352"] },
  peat: { name: "Peat", tones: ["#3b2a20", "#6b4e3c"] },
  loch: { name: "Loch", tones: ["#1f4e5f", "#3f8199"] },
  oatmeal: { name: "Oatmeal", tones: ["#cdbb9c", "#e6d9c1"] },
  mist: { name: "Mist", tones: ["#a9b8c2", "#d6e0e6"] },
  blush: { name: "Blush", tones: ["#d9a0a0", "#f0cfcf"] },
  fog: { name: "Fog", tones: ["#9a9a94", "#c9c9c2"] },
  charcoal: { name: "Charcoal", tones: ["#2e2f31", "#55575b"] },
  hedgerow: { name: "Hedgerow", tones: ["#5a7d2a", "#a8354a"] },
  seashore: { name: "Seashore", tones: ["#3d7a8c", "#e0cfa5"] },
  cloud: { name: "Cloud", tones: ["#e8ecef", "#ffffff"] },
  ember: { name: "Ember", tones: ["#b33a1b", "#f08a3c"] },
  rust: { name: "Rust", tones: ["#8f3b1b", "#c4622d"] },
  forest: { name: "Forest", tones: ["#1e3b26", "#3f6b49"] },
  sunrise: { name: "Sunrise", tones: ["#f2b134", "#e2574c"] },
  dusk: { name: "Dusk", tones: ["#3a2f5b", "#c06c84"] },
  linen: { name: "Linen", tones: ["#d8cbb0", "#efe6d2"] },
  natural: { name: "Natural", tones: ["#efe8d8", "#faf6ec"] },
} as const;

export type DemoVariant = {
  colour: ColourKey;
  weight?: string;
  /** Overrides the product price (minor units). */
  price?: number;
  stock: number;
};

export type DemoProduct = {
  slug: string;
  name: string;
  description: string;
  skuPrefix: string;
  price: number;
  compareAtPrice?: number;
  weightGrams: number;
  collections: string[];
  status?: "active" | "draft" | "archived";
  isFeatured?: boolean;
  variants: DemoVariant[];
};

/** A demo variant as the catalog stores it: its SKU, name, options and price, derived one way everywhere. */
export function demoVariantFields(demo: DemoProduct, variant: Pick<DemoVariant, "colour" | "weight" | "price">) {
  const colour: string = COLOURS[variant.colour].name;
  const options: Record<string, string> = variant.weight ? { colour, weight: variant.weight } : { colour };
  return {
    sku: [demo.skuPrefix, variant.colour.slice(0, 3).toUpperCase(), variant.weight?.toUpperCase()].filter(Boolean).join("-"),
    name: variant.weight ? `${colour} / ${variant.weight}` : colour,
    options,
    price: variant.price ?? demo.price,
    compareAtPrice: demo.compareAtPrice ?? null,
    weightGrams: demo.weightGrams,
  };
}

export const DEMO_COLLECTIONS = [
  { slug: "sock-yarn", name: "Sock yarn", description: "Hard-wearing blends with nylon for socks that last.", isFeatured: true },
  { slug: "dk-and-aran", name: "DK & Aran", description: "Squishy mid-weights for jumpers, hats and cowls.", isFeatured: true },
  { slug: "lace-and-fingering", name: "Lace & fingering", description: "Fine yarns for shawls and drapey layers.", isFeatured: false },
  { slug: "kits-and-sets", name: "Kits & sets", description: "Everything you need for one project, in one parcel.", isFeatured: true },
  { slug: "accessories", name: "Accessories", description: "Bags and notions for knitters on the move.", isFeatured: false },
] as const;

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    slug: "merino-sock",
    name: "Merino Sock",
    description: "75% superwash merino, 25% nylon. 100g, about 425m of fingering weight with a tight twist for socks that wear well.",
    skuPrefix: "MS",
    price: 1800,
    weightGrams: 115,
    collections: ["sock-yarn"],
    isFeatured: true,
    variants: [
      { colour: "hawthorn", stock: 24 },
      { colour: "sloe", stock: 3 },
      { colour: "elderflower", stock: 18 },
      { colour: "bracken", stock: 0 },
    ],
  },
  {
    slug: "bluefaced-leicester-dk",
    name: "Bluefaced Leicester DK",
    description: "100% British BFL. 100g, about 225m of lustrous double knit that takes colour beautifully.",
    skuPrefix: "BFL",
    price: 1750,
    weightGrams: 115,
    collections: ["dk-and-aran"],
    isFeatured: true,
    variants: [
      { colour: "heather", stock: 30 },
      { colour: "moss", stock: 12 },
      { colour: "peat", stock: 2 },
    ],
  },
  {
    slug: "highland-aran",
    name: "Highland Aran",
    description: "Woollen-spun Scottish wool. 100g, about 170m of lofty aran for warm, quick knits.",
    skuPrefix: "HA",
    price: 1900,
    weightGrams: 130,
    collections: ["dk-and-aran"],
    variants: [
      { colour: "loch", stock: 15 },
      { colour: "bracken", stock: 9 },
      { colour: "oatmeal", stock: 21 },
    ],
  },
  {
    slug: "silk-lace",
    name: "Silk Lace",
    description: "70% baby alpaca, 30% mulberry silk. 50g, about 400m of lace weight with a soft halo.",
    skuPrefix: "SL",
    price: 2200,
    weightGrams: 60,
    collections: ["lace-and-fingering"],
    variants: [
      { colour: "mist", stock: 8 },
      { colour: "blush", stock: 4 },
    ],
  },
  {
    slug: "alpaca-fingering",
    name: "Alpaca Fingering",
    description: "Baby alpaca and merino. 100g, about 400m of warm, drapey fingering weight.",
    skuPrefix: "AF",
    price: 2100,
    weightGrams: 115,
    collections: ["lace-and-fingering"],
    isFeatured: true,
    variants: [
      { colour: "fog", stock: 14 },
      { colour: "charcoal", stock: 1 },
    ],
  },
  {
    slug: "mini-skein-set",
    name: "Mini Skein Set",
    description: "Five 20g mini skeins of Merino Sock in a themed palette: heels, toes, stripes and scrappy knits.",
    skuPrefix: "MINI",
    price: 2400,
    weightGrams: 130,
    collections: ["sock-yarn", "kits-and-sets"],
    variants: [
      { colour: "hedgerow", stock: 10 },
      { colour: "seashore", stock: 6 },
    ],
  },
  {
    slug: "hedgerow-cowl-kit",
    name: "Hedgerow Cowl Kit",
    description: "Two skeins of Highland Aran and the printed pattern for a textured cowl. A weekend project.",
    skuPrefix: "KIT-COWL",
    price: 3800,
    compareAtPrice: 4200,
    weightGrams: 290,
    collections: ["kits-and-sets", "dk-and-aran"],
    isFeatured: true,
    variants: [
      { colour: "loch", stock: 7 },
      { colour: "sloe", stock: 5 },
    ],
  },
  {
    slug: "undyed-sock-blank",
    name: "Undyed Sock Blank",
    description: "A machine-knitted double-stranded blank, ready for your own dye pot. Choose the weight.",
    skuPrefix: "BLANK",
    price: 1400,
    weightGrams: 120,
    collections: ["sock-yarn"],
    variants: [
      { colour: "natural", weight: "4ply", stock: 25 },
      { colour: "natural", weight: "DK", price: 1500, stock: 11 },
    ],
  },
  {
    slug: "mohair-silk",
    name: "Mohair Silk",
    description: "72% kid mohair, 28% silk. 25g, about 210m of cloud-light laceweight to hold with anything.",
    skuPrefix: "MOH",
    price: 1650,
    weightGrams: 35,
    collections: ["lace-and-fingering"],
    variants: [
      { colour: "cloud", stock: 40 },
      { colour: "ember", stock: 5 },
    ],
  },
  {
    slug: "chunky-merino",
    name: "Chunky Merino",
    description: "Superwash merino. 200g, about 160m of chunky weight for blankets and big cosy jumpers.",
    skuPrefix: "CM",
    price: 2300,
    weightGrams: 220,
    collections: ["dk-and-aran"],
    variants: [
      { colour: "rust", stock: 13 },
      { colour: "forest", stock: 16 },
    ],
  },
  {
    slug: "gradient-set",
    name: "Gradient Set",
    description: "Five 100g skeins of Merino Sock dyed to fade from one to the next: enough for a large shawl.",
    skuPrefix: "GRAD",
    price: 4500,
    compareAtPrice: 5000,
    weightGrams: 560,
    collections: ["kits-and-sets", "sock-yarn"],
    variants: [
      { colour: "sunrise", stock: 4 },
      { colour: "dusk", stock: 3 },
    ],
  },
  {
    slug: "linen-project-bag",
    name: "Linen Project Bag",
    description: "A drawstring bag in washed linen with an inside pocket. Holds a sweater's worth of yarn.",
    skuPrefix: "BAG",
    price: 1500,
    weightGrams: 80,
    collections: ["accessories"],
    variants: [{ colour: "linen", stock: 35 }],
  },
  {
    slug: "winter-advent-box",
    name: "Winter Advent Box",
    description: "Not released yet: 24 mini skeins for December.",
    skuPrefix: "ADV",
    price: 9500,
    weightGrams: 600,
    collections: ["kits-and-sets"],
    status: "draft",
    variants: [{ colour: "hedgerow", stock: 20 }],
  },
  {
    slug: "cotton-dk-retired",
    name: "Cotton DK (retired)",
    description: "A discontinued base, kept for the order history.",
    skuPrefix: "COT",
    price: 1200,
    weightGrams: 110,
    collections: ["dk-and-aran"],
    status: "archived",
    variants: [{ colour: "oatmeal", stock: 0 }],
  },
];

export type DemoRate = {
  name: string;
  minWeightGrams: number;
  maxWeightGrams: number | null;
  price: number;
  freeOverSubtotal?: number;
  minDeliveryDays: number;
  maxDeliveryDays: number;
  isTracked: boolean;
};

export const DEMO_ZONES: { name: string; countries: string[]; rates: DemoRate[] }[] = [
  {
    name: "United Kingdom",
    countries: ["GB", "IM", "JE", "GG"],
    rates: [
      { name: "Royal Mail 2nd Class", minWeightGrams: 0, maxWeightGrams: 750, price: 320, freeOverSubtotal: 5000, minDeliveryDays: 2, maxDeliveryDays: 4, isTracked: false },
      { name: "Royal Mail 2nd Class (large)", minWeightGrams: 751, maxWeightGrams: 2000, price: 550, freeOverSubtotal: 5000, minDeliveryDays: 2, maxDeliveryDays: 4, isTracked: false },
      { name: "Tracked 24", minWeightGrams: 0, maxWeightGrams: 2000, price: 495, minDeliveryDays: 1, maxDeliveryDays: 2, isTracked: true },
      { name: "Parcel Tracked", minWeightGrams: 2001, maxWeightGrams: 20000, price: 995, minDeliveryDays: 2, maxDeliveryDays: 3, isTracked: true },
    ],
  },
  {
    name: "Europe",
    countries: ["IE", "FR", "DE", "NL", "BE", "LU", "ES", "PT", "IT", "AT", "DK", "SE", "FI", "NO", "CH", "PL", "CZ"],
    rates: [
      { name: "International Standard", minWeightGrams: 0, maxWeightGrams: 500, price: 750, minDeliveryDays: 4, maxDeliveryDays: 8, isTracked: false },
      { name: "International Standard (large)", minWeightGrams: 501, maxWeightGrams: 2000, price: 1400, minDeliveryDays: 4, maxDeliveryDays: 8, isTracked: false },
      { name: "International Tracked", minWeightGrams: 0, maxWeightGrams: 2000, price: 1650, minDeliveryDays: 3, maxDeliveryDays: 5, isTracked: true },
    ],
  },
  {
    name: "Rest of world",
    countries: ["US", "CA", "AU", "NZ", "JP"],
    rates: [
      { name: "International Economy", minWeightGrams: 0, maxWeightGrams: 500, price: 1100, minDeliveryDays: 7, maxDeliveryDays: 15, isTracked: false },
      { name: "International Economy (large)", minWeightGrams: 501, maxWeightGrams: 2000, price: 2200, minDeliveryDays: 7, maxDeliveryDays: 15, isTracked: false },
      { name: "International Tracked & Signed", minWeightGrams: 0, maxWeightGrams: 2000, price: 2600, minDeliveryDays: 5, maxDeliveryDays: 9, isTracked: true },
    ],
  },
];

export const DEMO_DISCOUNTS: {
  code: string;
  kind: DiscountKind;
  value: number;
  minimumSubtotal: number;
  usageLimit: number | null;
  /** Days relative to the seed's anchor time; null = open-ended. */
  startsInDays: number | null;
  endsInDays: number | null;
}[] = [
  { code: "WELCOME10", kind: "percent", value: 10, minimumSubtotal: 0, usageLimit: null, startsInDays: null, endsInDays: null },
  { code: "HEDGEROW5", kind: "fixed", value: 500, minimumSubtotal: 3000, usageLimit: 60, startsInDays: -150, endsInDays: 60 },
];

export const DEMO_SETTINGS = {
  storeName: "Hedgerow Dye Works",
  currency: "GBP",
  orderNumberPrefix: "HD-",
  orderNumberStart: 1001,
  lowStockThreshold: 5,
  supportEmail: "hello@hedgerow.example",
  maintenanceMode: false,
} as const;

export const FIRST_NAMES = [
  "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Willow", "Freya", "Florence",
  "Emily", "Ella", "Poppy", "Evie", "Elsie", "Charlotte", "Oliver", "George", "Noah", "Arthur", "Harry", "Leo", "Muhammad",
  "Jack", "Charlie", "Oscar", "Aoife", "Siobhan", "Ingrid", "Marta", "Chloé", "Lena", "Sofia", "Hannah", "Yuki", "Priya",
];

export const LAST_NAMES = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson",
  "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards", "Turner",
  "Martin", "Cooper", "Hill", "Ward", "Hughes", "Murphy", "Kelly", "Müller", "Dubois", "Rossi", "Jansen", "Nielsen", "Tanaka",
];

export const DEMO_TOWNS: Record<string, { city: string; postalCode: string }[]> = {
  GB: [
    { city: "Bristol", postalCode: "BS1 4DJ" },
    { city: "York", postalCode: "YO1 7HH" },
    { city: "Edinburgh", postalCode: "EH1 1YZ" },
    { city: "Manchester", postalCode: "M1 1AE" },
    { city: "Norwich", postalCode: "NR2 1NH" },
    { city: "Cardiff", postalCode: "CF10 1EP" },
  ],
  IE: [{ city: "Dublin", postalCode: "D02 X285" }],
  FR: [{ city: "Lyon", postalCode: "69002" }],
  DE: [{ city: "Hamburg", postalCode: "20095" }],
  NL: [{ city: "Utrecht", postalCode: "3511 AB" }],
  SE: [{ city: "Uppsala", postalCode: "753 10" }],
  US: [{ city: "Portland", postalCode: "97205" }],
  CA: [{ city: "Halifax", postalCode: "B3H 1A1" }],
  AU: [{ city: "Hobart", postalCode: "7000" }],
  JP: [{ city: "Kyoto", postalCode: "600-8216" }],
};
