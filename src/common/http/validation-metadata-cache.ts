// class-validator looks up a class's rules on every object it validates, and that lookup scans every
// decorated class of the program to find the class's ancestors (typestack/class-validator#2686). With
// the API's and the scenarios' DTOs loaded that scan was the largest single cost of validating a
// lodgement, and Nest's ValidationPipe repeats it to look for binary values. A class's rules, its own
// and inherited ones, are all registered when its module loads, before it can be validated, so the
// answer for a class never changes afterwards: it is remembered here, per class and options, and
// forgotten whenever a rule is registered later (a class loaded late, a test that declares one).

import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type ValidationMetadata = ReturnType<Lookup>[number];

const installed = new WeakSet<Storage>();

/** Installs the cache on class-validator's (global) metadata storage; installing twice changes nothing. */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (installed.has(storage)) return;
  installed.add(storage);
  let byTarget = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const forget = (): void => {
    byTarget = new Map();
    grouped = new WeakMap();
  };

  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups ? groups.join('\u0001') : ''}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let metadatas = forTarget.get(options);
    if (!metadatas) forTarget.set(options, (metadatas = lookup(target, schema, always, strictGroups, groups)));
    return metadatas;
  };

  // The executor groups the same (now shared) array by property for every object it validates.
  const groupByPropertyName = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadatas) => {
    let result = grouped.get(metadatas);
    if (!result) grouped.set(metadatas, (result = groupByPropertyName(metadatas)));
    return result;
  };

  for (const name of ['addValidationSchema', 'addValidationMetadata', 'addConstraintMetadata'] as const) {
    const add = storage[name].bind(storage) as (arg: never) => void;
    storage[name] = ((arg: never) => {
      forget();
      add(arg);
    }) as never;
  }
}
