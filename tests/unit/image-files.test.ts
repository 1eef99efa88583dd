import { describe, expect, it } from 'vitest';
import { classFolders, imageTypeProblem, inChunks, planClassImport, planFolderImport, secondsLeft } from '$lib/datasets/shared/image-files';

describe('which files an image import takes', () => {
  it('accepts PNG, JPEG, WebP, GIF and BMP by type, or by extension when the browser reports no type', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/bmp']) expect(imageTypeProblem('x', type)).toBeNull();
    for (const name of ['a.PNG', 'b.jpeg', 'c.JPG', 'd.webp', 'e.gif', 'f.bmp']) expect(imageTypeProblem(name, '')).toBeNull();
  });

  it('names what a refused file is', () => {
    expect(imageTypeProblem('notes.txt', 'text/plain')).toBe('not an image (text/plain)');
    expect(imageTypeProblem('README', '')).toBe('not an image (unknown type)');
    expect(imageTypeProblem('scan.tiff', 'image/tiff')).toMatch(/^unsupported image format \(image\/tiff\)/);
  });
});

describe('classes from folders', () => {
  it('takes the first folder below the dropped one; deeper folders stay in it', () => {
    expect(classFolders(['animals/cat/1.png', 'animals/dog/2019/2.png', 'animals/cover.png'])).toEqual(['cat', 'dog', null]);
  });

  it('makes a dropped folder without sub-folders one class, and loose files none', () => {
    expect(classFolders(['cat/1.png', 'dog/2.png', '3.png'])).toEqual(['cat', 'dog', null]);
  });

  it('plans a folder: images in path order (numbers by value), the rest skipped with the reason', () => {
    const f = (path: string, type = 'image/png') => ({ file: path, path, type });
    const plan = planFolderImport([f('pets/dog/10.png'), f('pets/dog/9.png'), f('pets/cat/a.jpg', 'image/jpeg'), f('pets/cat/notes.txt', 'text/plain'), f('pets/cover.png')]);
    expect(plan.items.map((i) => [i.path, i.className])).toEqual([
      ['pets/cat/a.jpg', 'cat'],
      ['pets/dog/9.png', 'dog'],
      ['pets/dog/10.png', 'dog'],
    ]);
    expect(plan.skipped).toEqual([
      { name: 'pets/cat/notes.txt', reason: 'not an image (text/plain)' },
      { name: 'pets/cover.png', reason: 'not in a class folder (drop it onto a class instead)' },
    ]);
  });

  it('plans files dropped onto a class: every image, wherever it lies', () => {
    const plan = planClassImport([
      { file: 1, path: 'a.png', type: 'image/png' },
      { file: 2, path: 'more/b.gif', type: 'image/gif' },
      { file: 3, path: 'c.pdf', type: 'application/pdf' },
    ]);
    expect(plan.items.map((i) => i.file)).toEqual([1, 2]);
    expect(plan.skipped).toEqual([{ name: 'c.pdf', reason: 'not an image (application/pdf)' }]);
  });
});

describe('progress arithmetic', () => {
  it('estimates the time left from the pace so far', () => {
    expect(secondsLeft(0, 100, 1_000)).toBeNull();
    expect(secondsLeft(25, 100, 5_000)).toBe(15);
    expect(secondsLeft(100, 100, 9_000)).toBe(0);
  });

  it('cuts a list into batches, the last one shorter', () => {
    expect(inChunks(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(inChunks([], 50)).toEqual([]);
  });
});
