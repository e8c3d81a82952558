import { type AppConfig } from '@app/config';

/** Whether people reach the service over https (its public address says so): its cookies are Secure then. */
export function servedOverHttps(config: AppConfig): boolean {
  return config.http.publicBaseUrl.startsWith('https:');
}

/**
 * A cookie's name as the browser keeps it: `__Host-` prefixed under https, so that the browser takes it only
 * when it is Secure, for the whole host and from this host itself: no sibling subdomain and no plain-http
 * page can set or shadow it. Over plain http (development, tests) the prefix could not be honoured.
 */
export function cookieName(config: AppConfig, name: string): string {
  return servedOverHttps(config) ? `__Host-${name}` : name;
}
