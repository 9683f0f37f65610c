// Words for plan values, in the current language.
import { m } from '$lib/i18n/index.svelte';
import type { PlanOrigin, PlanStatus } from '$lib/model';

export function statusLabel(status: PlanStatus): string {
  switch (status) {
    case 'planned':
      return m.plan_status_planned();
    case 'running':
      return m.plan_status_running();
    case 'done':
      return m.plan_status_done();
    case 'paused':
      return m.plan_status_paused();
  }
}

export function originLabel(origin: PlanOrigin): string {
  const title = origin.title;
  switch (origin.kind) {
    case 'idea':
      return m.plan_origin_idea({ title });
    case 'cluster':
      return m.plan_origin_cluster({ title });
    case 'harvest':
      return m.plan_origin_harvest({ title });
    default:
      return m.plan_origin_scratch();
  }
}
