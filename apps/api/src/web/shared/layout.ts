import { html, type Html, type HtmlValue } from './html';
import { ASSETS_PREFIX } from './web-setup';

export interface PageDescription {
  lang: 'en' | 'nl';
  title: string;
  /** The product line in the header: which part of the service this is. */
  area: string;
  /** Links or a form in the header, after the product name (language switch, navigation, sign-out). */
  header?: HtmlValue;
  main: HtmlValue;
  /** Scripts from /assets (never inline: the Content-Security-Policy allows no inline script). */
  scripts?: readonly string[];
  /** A page that waits on the service reloads itself without scripts too, every so many seconds. */
  refreshSeconds?: number;
  skipLink: string;
  /** Wider layout for pages with a document beside its findings. */
  wide?: boolean;
}

/** The frame of every page: landmarks, a skip link, the stylesheet; one column that fits 360 px. */
export function layout(page: PageDescription): Html {
  return html`<!doctype html>
    <html lang="${page.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title} · eConnect</title>
        <link rel="stylesheet" href="${ASSETS_PREFIX}site.css" />
        ${page.refreshSeconds ? html`<noscript><meta http-equiv="refresh" content="${page.refreshSeconds}" /></noscript>` : ''}
        ${(page.scripts ?? []).map((name) => html`<script src="${ASSETS_PREFIX}${name}" defer></script>`)}
      </head>
      <body>
        <a class="skip-link" href="#main">${page.skipLink}</a>
        <header class="site-header">
          <div class="site-header__inner${page.wide ? ' site-header__inner--wide' : ''}">
            <p class="brand">
              <span class="brand__name">eConnect</span> <span class="brand__area">${page.area}</span>
            </p>
            ${page.header ?? ''}
          </div>
        </header>
        <main id="main" class="${page.wide ? 'main main--wide' : 'main'}" tabindex="-1">${page.main}</main>
      </body>
    </html> `;
}
