import type { SignedInStaff } from '../../staff-auth/signed-in-staff';
import { CSRF_FIELD } from '../shared/csrf';
import { hiddenField } from '../shared/form-fields';
import { html, type Html, type HtmlValue } from '../shared/html';
import { layout } from '../shared/layout';

type ConsoleSection = 'queue' | 'dashboard' | 'at-risk';

export interface ConsolePage {
  staff: SignedInStaff;
  csrfToken: string;
  title: string;
  section: ConsoleSection;
  main: HtmlValue;
  wide?: boolean;
  scripts?: readonly string[];
}

const SECTIONS: { section: ConsoleSection; href: string; label: string; managersOnly: boolean }[] = [
  { section: 'queue', href: '/console/cases', label: 'Cases', managersOnly: false },
  { section: 'dashboard', href: '/console/dashboard', label: 'Dashboard', managersOnly: true },
  {
    section: 'at-risk',
    href: '/console/environments-at-risk',
    label: 'Environments at risk',
    managersOnly: true,
  },
];

/** The console's frame: its sections (a manager's only for managers), who is signed in, sign-out. */
export function consoleLayout(page: ConsolePage): Html {
  const sections = SECTIONS.filter((s) => !s.managersOnly || page.staff.role === 'manager');
  const header = html`<nav class="header-nav" aria-label="Console">
    ${sections.map(
      (s) =>
        html`<a href="${s.href}" ${s.section === page.section ? html` aria-current="page"` : ''}
          >${s.label}</a
        >`,
    )}
    <span>${page.staff.name} (${page.staff.role})</span>
    <form method="post" action="/console/sign-out">
      ${hiddenField(CSRF_FIELD, page.csrfToken)}<button type="submit" class="link-button">Sign out</button>
    </form>
  </nav>`;
  return layout({
    lang: 'en',
    title: page.title,
    area: 'Support console',
    skipLink: 'Skip to the content',
    header,
    main: page.main,
    wide: page.wide ?? true,
    scripts: page.scripts,
  });
}

/** Ages as a person reads them: "3 h 20 min", "2 d 4 h". */
export function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${String(minutes)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${String(hours)} h ${String(minutes % 60)} min`;
  return `${String(Math.floor(hours / 24))} d ${String(hours % 24)} h`;
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

/** A state or event name as the console shows it: `awaiting_review` as "awaiting review". */
export function inWords(name: string): string {
  return name.replace(/_/g, ' ');
}
