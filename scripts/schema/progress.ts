import { z } from 'zod';

/**
 * How far an action has got, shared by priorities and their review so that carrying this
 * year's priorities into next year's review loses nothing.
 */
export const actionStatus = z.enum(['not-started', 'in-progress', 'done', 'carried-forward']);
export type ActionStatus = z.infer<typeof actionStatus>;

export const statusLabels: Record<ActionStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  'carried-forward': 'Carried forward',
};
