import { composeMail } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

/** Why the email method cannot be used. The wording never reveals whether an environment was found. */
export type ExtractRequestReason = 'no_known_address';

export interface ExtractRequestedMailInput {
  requesterName: string;
  reference: string;
  reason: ExtractRequestReason;
}

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
  return composeMail({
    subject: `Please upload a Chamber of Commerce extract for case ${reference}`,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [
        `For your recovery request (case ${reference}) ${BECAUSE[reason]}. Instead, please upload a recent extract from the Dutch Chamber of Commerce (KvK), an "uittreksel Handelsregister", as a PDF file on your case page.`,
        'Open your case page with the link from our first mail about this case.',
      ],
      [
        'An extract is the official record of a company in the Dutch trade register (Handelsregister): its KvK number, its name and the people who may act on its behalf, such as directors.',
        'You can order one online from the Chamber of Commerce; you receive it as a PDF straight away. Please order a fresh one rather than sending an old copy.',
      ],
      [{ url: 'https://www.kvk.nl' }],
      ['A support agent then reviews your request together with the extract.'],
    ],
  });
}
