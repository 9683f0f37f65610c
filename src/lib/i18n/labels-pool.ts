// Words for the Aktionspool's codes: Handlungsfelder, effort, kinds of region, file errors.
import type { PoolEffort, PoolField, PoolFileError, PoolRegion } from '../model';
import { m } from './index.svelte';

const FIELD: Record<PoolField, () => string> = {
  food: () => m.pool_field_food(),
  energy: () => m.pool_field_energy(),
  housing: () => m.pool_field_housing(),
  mobility: () => m.pool_field_mobility(),
  economy: () => m.pool_field_economy(),
  social: () => m.pool_field_social()
};
const EFFORT: Record<PoolEffort, () => string> = {
  low: () => m.pool_effort_low(),
  medium: () => m.pool_effort_medium(),
  high: () => m.pool_effort_high()
};
const REGION: Record<PoolRegion, () => string> = {
  village: () => m.pool_region_village(),
  smallTown: () => m.pool_region_smallTown(),
  city: () => m.pool_region_city()
};
const FILE_ERROR: Record<PoolFileError, () => string> = {
  tooLarge: () => m.pool_fileError_tooLarge(),
  notJson: () => m.pool_fileError_notJson(),
  wrongFormat: () => m.pool_fileError_wrongFormat(),
  newerVersion: () => m.pool_fileError_newerVersion(),
  badAction: () => m.pool_fileError_badAction(),
  empty: () => m.pool_fileError_empty()
};

export const poolFieldLabel = (f: PoolField): string => FIELD[f]();
export const poolEffortLabel = (e: PoolEffort): string => EFFORT[e]();
export const poolRegionLabel = (r: PoolRegion): string => REGION[r]();
export const poolFileErrorText = (e: string): string =>
  e in FILE_ERROR ? FILE_ERROR[e as PoolFileError]() : m.pool_fileError_wrongFormat();
