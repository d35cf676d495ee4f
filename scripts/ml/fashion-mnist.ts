/**
 * Fashion-MNIST as installed by Debian's `dataset-fashion-mnist` package:
 * where the files are, what the labels mean, and a loader for one official
 * split. Node only (scripts and tests), never shipped to the browser.
 */
import { existsSync } from 'node:fs';
import { readIdxImages, readIdxLabels } from './idx.ts';

export const DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

/** Official label ids 0..9, in order (from the dataset's README). */
export const FASHION_CLASS_NAMES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

export const FASHION_ATTRIBUTION = {
  dataset: 'Fashion-MNIST',
  authors: 'Han Xiao, Kashif Rasul, Roland Vollgraf (Zalando Research)',
  reference: 'Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning Algorithms, arXiv:1708.07747 (2017)',
  licence: 'MIT',
  copyright: 'Copyright (c) 2017 Zalando SE',
  obtainedFrom: 'Debian package dataset-fashion-mnist (files under /usr/share/datasets/fashion-mnist)',
} as const;

export type OfficialSplit = 'train' | 't10k';

export interface FashionSplit {
  split: OfficialSplit;
  count: number;
  /** count * 784 bytes. */
  pixels: Uint8Array;
  /** Official label id 0..9 per image. */
  labels: Uint8Array;
}

export function debianFilesPresent(): boolean {
  return existsSync(`${DEBIAN_DIR}/train-images-idx3-ubyte.gz`) && existsSync(`${DEBIAN_DIR}/t10k-images-idx3-ubyte.gz`);
}

export function loadFashionSplit(split: OfficialSplit): FashionSplit {
  if (!debianFilesPresent()) {
    throw new Error(
      `Fashion-MNIST not found under ${DEBIAN_DIR}. Install it with: apt-get install dataset-fashion-mnist`,
    );
  }
  const images = readIdxImages(`${DEBIAN_DIR}/${split}-images-idx3-ubyte.gz`);
  const labels = readIdxLabels(`${DEBIAN_DIR}/${split}-labels-idx1-ubyte.gz`);
  if (images.rows !== 28 || images.cols !== 28 || labels.length !== images.count) {
    throw new Error(`Fashion-MNIST ${split}: unexpected shape ${images.count}x${images.rows}x${images.cols}`);
  }
  return { split, count: images.count, pixels: images.pixels, labels };
}

/** Indices (into the split) of the images with the given official label, in file order. */
export function indicesOfLabel(split: FashionSplit, label: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < split.count; i++) if (split.labels[i] === label) out.push(i);
  return out;
}
