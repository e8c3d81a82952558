import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isStrictEmailAddress } from '@app/domain';

/** The api's check of an address: the domain's strict rule (no quoted local parts, no control characters). */
export function IsStrictEmail(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStrictEmail',
      validator: { validate: (value: unknown) => typeof value === 'string' && isStrictEmailAddress(value) },
    },
    options,
  );
}
