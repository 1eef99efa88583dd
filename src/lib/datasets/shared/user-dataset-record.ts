/**
 * How a user dataset's description is stored (IndexedDB) and exchanged (zip manifest): a
 * versioned record, read through one parser so a damaged or newer record is refused with reasons.
 */
import { m } from '$lib/i18n/messages';
import { accept, isFields, readVersioned, refuse, stamp, type Fields, type Parsed, type VersionedFormat } from '$lib/util/versioned';
import type { UserClass, UserDataset } from './user-dataset';

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

function isClassList(v: unknown): v is UserClass[] {
  if (!Array.isArray(v) || !v.every((c) => isFields(c) && isCount(c.id) && typeof c.name === 'string')) return false;
  return new Set(v.map((c: UserClass) => c.id)).size === v.length;
}

function validate(r: Fields): Parsed<UserDataset> {
  const errors: string[] = [];
  if (typeof r.id !== 'string' || r.id === '' || typeof r.name !== 'string') errors.push(m.userDatasetNoName());
  const size = (v: unknown) => Number.isInteger(v) && (v as number) >= 8 && (v as number) <= 256;
  if (!size(r.height) || r.width !== r.height || (r.channels !== 1 && r.channels !== 3) || (r.fit !== 'crop' && r.fit !== 'pad')) errors.push(m.userDatasetBadFormat());
  if (!isClassList(r.classes)) errors.push(m.userDatasetBadClasses());
  else if (!isCount(r.nextClassId) || !isCount(r.nextSampleId) || r.classes.some((c) => c.id >= (r.nextClassId as number))) errors.push(m.userDatasetBadCounters());
  if (errors.length > 0) return refuse(...errors);
  const { id, name, height, width, channels, fit, classes, nextClassId, nextSampleId } = r as unknown as UserDataset;
  const createdAt = typeof r.createdAt === 'number' ? r.createdAt : 0;
  return accept({ id, name, height, width, channels, fit, classes: classes.map(({ id, name }) => ({ id, name })), nextClassId, nextSampleId, createdAt });
}

const USER_DATASET_RECORD: VersionedFormat<UserDataset> = {
  tag: 'netloom-dataset',
  get noun() {
    return m.recordNounUserDataset();
  },
  // Version 1 is the first tagged one; an untagged record is read as if it were version 1.
  upgrades: [(v0) => v0],
  validate,
};

export function storedUserDataset(d: UserDataset): ReturnType<typeof stamp<UserDataset>> {
  return stamp(USER_DATASET_RECORD, d);
}

export function parseUserDataset(value: unknown): Parsed<UserDataset> {
  return readVersioned(USER_DATASET_RECORD, value);
}
