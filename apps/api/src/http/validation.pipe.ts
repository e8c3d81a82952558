import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

function collect(errors: readonly ValidationError[], prefix = '', into: Record<string, string[]> = {}) {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) into[field] = Object.values(error.constraints);
    if (error.children?.length) collect(error.children, field, into);
  }
  return into;
}

/**
 * Strict input validation at the edge: unknown fields are refused, types transformed, and the answer
 * names every field that is wrong (`message` for people, `fields` for forms).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const fields = collect(errors);
      return new BadRequestException({ message: Object.values(fields).flat(), fields });
    },
  });
}
