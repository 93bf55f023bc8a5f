/** The wrapping tools brud knows, by the name `--wrapper` takes. */
import { eksManaged } from './eks-managed.js';
import { eksctl, eksctlManaged } from './eksctl.js';
import { karpenter } from './karpenter.js';
import type { Wrapper } from './types.js';

export const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  karpenter,
  eksctl,
  'eksctl-managed': eksctlManaged,
  'eks-managed': eksManaged,
};

export const WRAPPER_NAMES = Object.keys(WRAPPERS);
