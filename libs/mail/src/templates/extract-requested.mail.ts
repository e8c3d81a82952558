import { escapeHtml, htmlMail } from '../html';
import type { MailContent } from '../outgoing-mail';

/** Why the email method cannot be used. The wording never reveals whether an environment was found. */
export type ExtractRequestReason = 'no_known_address';

export interface ExtractRequestedMailInput {
  requesterName: string;
  reference: string;
  reason: ExtractRequestReason;
}

const KVK_URL = 'https://www.kvk.nl';

// A record keyed by every reason: adding a reason without wording does not compile.
const BECAUSE: Record<ExtractRequestReason, string> = {
  no_known_address: 'we cannot verify you by email',
};

/** Asks the requester, at their own address, to prove their authority with a Chamber of Commerce extract. */
export function extractRequestedMail({
  requesterName,
  reference,
  reason,
}: ExtractRequestedMailInput): MailContent {
  const subject = `Please upload a Chamber of Commerce extract for case ${reference}`;
  const intro = `For your recovery request (case ${reference}) ${BECAUSE[reason]}. Instead, please upload a recent extract from the Dutch Chamber of Commerce (KvK), an "uittreksel Handelsregister", as a PDF file on your case page.`;
  const casePage = 'Open your case page with the link from our first mail about this case.';
  const whatItIs =
    'An extract is the official record of a company in the Dutch trade register (Handelsregister): its KvK number, its name and the people who may act on its behalf, such as directors.';
  const whereToOrder =
    'You can order one online from the Chamber of Commerce; you receive it as a PDF straight away. Please order a fresh one rather than sending an old copy.';
  const text = [
    `Dear ${requesterName},`,
    '',
    intro,
    casePage,
    '',
    whatItIs,
    whereToOrder,
    '',
    KVK_URL,
    '',
    'A support agent then reviews your request together with the extract.',
    '',
    'eConnect Support',
  ].join('\n');
  const html = htmlMail([
    `Dear ${escapeHtml(requesterName)},`,
    `${escapeHtml(intro)} ${escapeHtml(casePage)}`,
    escapeHtml(whatItIs),
    `${escapeHtml(whereToOrder)} <a href="${KVK_URL}">${KVK_URL}</a>`,
    'A support agent then reviews your request together with the extract.',
    'eConnect Support',
  ]);
  return { subject, text, html };
}
