import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ACCESS = 'access:public';

/** Marks a route anyone may call (probes, the intake form). Every other route names its guard. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(PUBLIC_ACCESS, true);
