import type { CaseLanguage } from '@app/domain';
import type { Html } from '../shared/html';
import { layout, type PageDescription } from '../shared/layout';
import { REQUESTER_TEXT } from './requester-text';

/** The frame of a requester's page, in their language. */
export function requesterLayout(
  language: CaseLanguage,
  page: Omit<PageDescription, 'lang' | 'area' | 'skipLink'>,
): Html {
  const text = REQUESTER_TEXT[language];
  return layout({ lang: language, area: text.area, skipLink: text.skipLink, ...page });
}
