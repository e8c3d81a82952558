import type {
  CaseLanguage,
  CaseStatus,
  DocumentRefusalReason,
  RequesterEventType,
  VerificationMethod,
} from '@app/domain';
import { formatAmsterdamTime } from '@app/mail';

/** The fields of the request form, as the API names them. */
export const FORM_FIELDS = [
  'requesterName',
  'requesterEmail',
  'requesterPhone',
  'companyName',
  'kvkNumber',
  'environmentReference',
  'formerAdminEmail',
  'method',
  'message',
  'language',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** What went wrong with an action on the case page; the page says it in the reader's language. */
export const CASE_PROBLEMS = [
  'form_expired',
  'confirm_refused',
  'code_format',
  'code_wrong',
  'code_refused',
  'resend_refused',
  'upload_missing',
  'upload_too_large',
  'upload_not_pdf',
  'upload_refused',
  'cancel_refused',
  'unavailable',
] as const;
export type CaseProblem = (typeof CASE_PROBLEMS)[number];

export interface RequesterText {
  area: string;
  skipLink: string;
  switchLanguage: { label: string; name: string };
  date: (iso: string) => string;
  form: {
    title: string;
    intro: string;
    nextTitle: string;
    next: readonly string[];
    youLegend: string;
    companyLegend: string;
    companyHint: string;
    methodLegend: string;
    optional: string;
    labels: Record<FormField, string>;
    hints: Partial<Record<FormField, string>>;
    methods: Record<VerificationMethod, { label: string; explanation: string }>;
    languages: Record<CaseLanguage, string>;
    submit: string;
    errorSummary: string;
    fieldErrors: Record<FormField, string>;
    rateLimited: string;
    unavailable: string;
    formExpired: string;
  };
  sent: { title: string; body: (reference: string) => string; next: readonly string[]; again: string };
  case: {
    title: (reference: string) => string;
    notFoundTitle: string;
    notFound: string;
    statusHeading: string;
    status: Record<CaseStatus, string>;
    timelineHeading: string;
    events: Record<RequesterEventType, string>;
    nextHeading: string;
    confirm: { body: string; button: string };
    code: {
      body: string;
      label: string;
      hint: string;
      triesLeft: (n: number) => string;
      expiresAt: (date: string) => string;
      button: string;
      resendBody: (n: number) => string;
      resend: string;
      noResends: string;
      alternative: string;
    };
    upload: {
      body: string;
      label: string;
      hint: string;
      button: string;
      uploading: string;
      progress: string;
      uploadsLeft: (n: number) => string;
    };
    document: {
      received: string;
      analysed: string;
      refused: string;
      reasons: Record<DocumentRefusalReason, string>;
    };
    waiting: {
      analysis: string;
      review: string;
      appointment: (date: string | null) => string;
      support: string;
      refreshes: string;
    };
    final: Record<'completed' | 'rejected' | 'expired' | 'cancelled' | 'closed', string>;
    agentSaid: string;
    cancel: { summary: string; body: string; button: string };
    problems: Record<CaseProblem, string>;
    submittedHeading: string;
    submittedLabels: Record<Exclude<FormField, 'method' | 'language'>, string>;
    methodLabel: string;
  };
  objection: {
    title: string;
    intro: string;
    about: (link: {
      requesterName: string;
      requesterEmail: string;
      environmentName: string;
      /** Null while the other notices are still going out: the appointment is set after the last one. */
      date: string | null;
    }) => string;
    label: string;
    hint: string;
    button: string;
    error: string;
    receivedTitle: string;
    received: string;
    invalid: string;
    formExpired: string;
    unavailable: string;
  };
}

// The same wording for a moment as the mails use, so the page and the mail about it agree.
const dateIn =
  (language: CaseLanguage) =>
  (iso: string): string =>
    formatAmsterdamTime(new Date(iso), language);

const EN: RequesterText = {
  area: 'Administrator recovery',
  skipLink: 'Skip to the content',
  switchLanguage: { label: 'Nederlands', name: 'nl' },
  date: dateIn('en'),
  form: {
    title: 'Recover administrator access',
    intro:
      'Is the only administrator of your eConnect environment gone? Ask here for a new administrator. We first check who you are, then a support agent decides.',
    nextTitle: 'What happens next',
    next: [
      'We mail a private link to the address you give. Open it and confirm: that address becomes the login of the new administrator.',
      'You prove that you may act for the company, in the way you choose below.',
      'A support agent checks the request, usually within one working day.',
      'After approval, the users of the environment are told, and a short waiting time follows in which they can object. Then you become administrator.',
    ],
    youLegend: 'About you',
    companyLegend: 'The company and its environment',
    companyHint: 'Give as much as you know: it helps us find the right environment.',
    methodLegend: 'How will you prove who you are?',
    optional: 'optional',
    labels: {
      requesterName: 'Your full name',
      requesterEmail: 'Your work email address',
      requesterPhone: 'Phone number',
      companyName: 'Company name',
      kvkNumber: 'KvK number (Chamber of Commerce)',
      environmentReference: 'Environment name or id',
      formerAdminEmail: "The former administrator's email address",
      method: 'Verification method',
      message: 'Anything else we should know',
      language: 'Language of the mails and pages',
    },
    hints: {
      requesterEmail: 'This address becomes the login of the new administrator.',
      requesterPhone: 'So that the agent can call you with a question.',
      kvkNumber: '8 digits, as on the extract from the Chamber of Commerce.',
      environmentReference: 'For example ENV-1001, or the name you see when you sign in.',
    },
    methods: {
      email: {
        label: 'A code mailed to an address eConnect already knows',
        explanation:
          "We send an 8-digit code to an email address that is already known for the environment (for example a colleague's or a general address). You type the code on your case page. Choose this when you can read mail at such an address.",
      },
      chamber_extract: {
        label: 'An extract from the Chamber of Commerce (KvK)',
        explanation:
          'You upload a recent extract (PDF) from the Chamber of Commerce on which you are named as someone who may act for the company. Choose this when nobody can read mail at an address eConnect knows.',
      },
    },
    languages: { en: 'English', nl: 'Nederlands' },
    submit: 'Send request',
    errorSummary: 'Please correct the following',
    fieldErrors: {
      requesterName: 'Enter your full name (at most 200 characters).',
      requesterEmail: 'Enter a valid email address, such as anna@company.nl.',
      requesterPhone: 'Enter a phone number such as +31 20 123 4567, or leave it empty.',
      companyName: 'Enter the company name (at most 200 characters).',
      kvkNumber: 'A KvK number is exactly 8 digits. Leave it empty if you do not know it.',
      environmentReference: 'The environment name or id is at most 200 characters.',
      formerAdminEmail: 'Enter a valid email address, or leave it empty.',
      method: 'Choose how you will prove who you are.',
      message: 'The message is at most 2000 characters.',
      language: 'Choose English or Nederlands.',
    },
    rateLimited: 'Too many requests came from your network in a short time. Please try again in an hour.',
    unavailable:
      'The service cannot take requests at this moment. Nothing was sent; please try again shortly.',
    formExpired: 'This form was open too long or came from elsewhere. Check your details and send it again.',
  },
  sent: {
    title: 'Check your mailbox',
    body: (reference) =>
      `Your request has the reference ${reference}. We have mailed you a private link to it.`,
    next: [
      'Open the link in the mail and press "Confirm". Until then nothing happens.',
      'No mail within a few minutes? Look in your spam folder. If the link expired, simply send a new request.',
    ],
    again: 'Send another request',
  },
  case: {
    title: (reference) => `Your request ${reference}`,
    notFoundTitle: 'Link not valid',
    notFound:
      'This link does not open a request. Use the complete link from the mail; if the request was closed long ago, send a new one.',
    statusHeading: 'Where your request stands',
    status: {
      awaiting_confirmation: 'Waiting for you to confirm your email address',
      awaiting_email_code: 'Waiting for the code we mailed',
      awaiting_document: 'Waiting for your Chamber of Commerce extract',
      analysing_document: 'We are reading your extract',
      awaiting_review: 'A support agent is reviewing your request',
      cooling_off: 'Approved; waiting time before the appointment',
      appointing: 'You are being made administrator',
      needs_attention: 'Our support team is looking into a problem with your request',
      completed: 'Completed: you are administrator',
      rejected: 'Rejected',
      expired: 'Expired',
      cancelled: 'Cancelled',
      closed: 'Closed by support',
    },
    timelineHeading: 'What happened so far',
    events: {
      case_submitted: 'Request received',
      case_link_sent: 'Link mailed to you',
      case_confirmed: 'Email address confirmed',
      email_code_sent: 'Code mailed to an address known for the environment',
      email_code_rejected: 'A wrong code was entered',
      email_code_exhausted: 'No tries left on the code',
      email_code_verified: 'Code accepted',
      extract_requested: 'Extract asked for',
      document_uploaded: 'Extract uploaded',
      document_analysed: 'Extract read',
      document_refused: 'Extract could not be used',
      review_started: 'Review by a support agent started',
      case_approved: 'Approved by a support agent',
      case_rejected: 'Rejected by a support agent',
      document_requested: 'A new extract was asked for',
      cooling_off_started: 'Users of the environment told; waiting time started',
      objection_raised: 'A user of the environment objected',
      administrator_appointed: 'You were made administrator',
      case_completed: 'Completed',
      case_cancelled: 'Cancelled',
      case_expired: 'Expired',
      case_closed: 'Closed by a support agent',
    },
    nextHeading: 'Your next step',
    confirm: {
      body: 'Press the button to confirm that this mailbox is yours. It becomes the login of the new administrator.',
      button: 'Confirm my email address',
    },
    code: {
      body: 'We mailed an 8-digit code to an address that eConnect already knows for the environment. Ask the person who reads that mailbox for the code.',
      label: 'Code from the mail',
      hint: '8 digits; spaces do not matter.',
      triesLeft: (n) => (n === 1 ? '1 try left.' : `${String(n)} tries left.`),
      expiresAt: (date) => `The code is valid until ${date}.`,
      button: 'Check the code',
      resendBody: (n) =>
        n === 1
          ? 'You can ask for a new code once more.'
          : `You can ask for a new code ${String(n)} more times.`,
      resend: 'Send a new code',
      noResends: 'No new codes can be sent any more.',
      alternative: 'Nobody can read that mailbox? Upload an extract from the Chamber of Commerce instead:',
    },
    upload: {
      body: 'Upload a recent extract (PDF, at most 10 MB) from the Chamber of Commerce on which you are named as someone who may act for the company.',
      label: 'Extract (PDF)',
      hint: 'The PDF as you downloaded it from kvk.nl; not a scan or photo.',
      button: 'Upload the extract',
      uploading: 'Uploading…',
      progress: 'Upload progress',
      uploadsLeft: (n) => (n === 1 ? '1 upload left.' : `${String(n)} uploads left.`),
    },
    document: {
      received: 'We received your extract and are reading it.',
      analysed: 'We read your extract. A support agent checks what it says.',
      refused: 'We could not use your last extract.',
      reasons: {
        encrypted:
          'The PDF is protected with a password. Download the extract again from kvk.nl and upload it as it is.',
        unreadable:
          'The file could not be read as a PDF. Download the extract again from kvk.nl and upload that file.',
        too_many_pages: 'The PDF has too many pages for an extract. Upload only the extract itself.',
        too_complex:
          'The PDF is too complex to read. Download the extract again from kvk.nl and upload that file.',
        not_an_extract:
          'This does not look like an extract from the Chamber of Commerce. Upload the extract (uittreksel) you downloaded from kvk.nl.',
      },
    },
    waiting: {
      analysis: 'We are reading your extract. This usually takes a few seconds.',
      review:
        'A support agent is reviewing your request, usually within one working day. We mail you the outcome.',
      appointment: (date) =>
        date
          ? `Your request was approved. The users of the environment were told; unless someone objects, you become administrator on ${date}.`
          : 'Your request was approved. You are being made administrator.',
      support:
        'Something went wrong on our side while handling your request, and a support agent needs to look at it. You do not need to do anything. We will mail you when there is news.',
      refreshes: 'This page updates by itself.',
    },
    final: {
      completed: 'You are now administrator of the environment. We mailed you how to sign in.',
      rejected: 'Your request was rejected. You can send a new request if things have changed.',
      expired: 'Your request expired because a step was not taken in time. You can send a new request.',
      cancelled: 'Your request was cancelled. You can send a new request at any time.',
      closed:
        'Your request was closed by eConnect Support. Nothing has changed in any eConnect environment. You can send a new request if you still need access.',
    },
    agentSaid: 'The support agent wrote:',
    cancel: {
      summary: 'Cancel this request',
      body: 'Cancelling stops the request for good. Nothing changes in the environment.',
      button: 'Yes, cancel my request',
    },
    problems: {
      form_expired: 'The page was open too long. Please try again.',
      confirm_refused: 'This request cannot be confirmed any more; see where it stands below.',
      code_format: 'The code is the 8 digits from the mail.',
      code_wrong: 'That code is not right.',
      code_refused: 'The code can no longer be used: it expired or has no tries left.',
      resend_refused: 'No new code can be sent now.',
      upload_missing: 'Choose the PDF file of your extract first.',
      upload_too_large:
        'The file is larger than 10 MB. An extract from kvk.nl is much smaller: upload that file.',
      upload_not_pdf: 'That file is not a PDF. Upload the extract as the PDF you downloaded from kvk.nl.',
      upload_refused: 'No extract can be uploaded now.',
      cancel_refused: 'The request can no longer be cancelled.',
      unavailable: 'The service could not handle this just now. Nothing changed; please try again shortly.',
    },
    submittedHeading: 'What you sent us',
    submittedLabels: {
      requesterName: 'Name',
      requesterEmail: 'Email address',
      requesterPhone: 'Phone number',
      companyName: 'Company',
      kvkNumber: 'KvK number',
      environmentReference: 'Environment',
      formerAdminEmail: 'Former administrator',
      message: 'Message',
    },
    methodLabel: 'Verification',
  },
  objection: {
    title: 'Object to a new administrator',
    intro:
      'Someone asked to become administrator of your eConnect environment, and a support agent approved it. If you do not agree, tell us why: the appointment then waits until a support agent has looked at your objection.',
    about: ({ requesterName, requesterEmail, environmentName, date }) =>
      `${requesterName} (${requesterEmail}) asked to become administrator of the environment ${environmentName}. Unless someone objects, this takes effect ${date ? `on ${date}` : 'once the waiting time named in your notice has passed'}.`,
    label: 'Why do you object?',
    hint: 'For example: "I do not know this person" or "our administrator is on holiday".',
    button: 'Send my objection',
    error: 'Tell us in a few words why you object (at least 3 characters, at most 2000).',
    receivedTitle: 'Objection received',
    received: 'Thank you. The appointment is stopped until a support agent has looked at your objection.',
    invalid:
      'This link cannot be used: it is not complete, it was used already, or the waiting time is over. Contact eConnect support if you still want to object.',
    formExpired: 'The page was open too long. Please send your objection again.',
    unavailable: 'The service could not take your objection just now. Please try again shortly.',
  },
};

const NL: RequesterText = {
  area: 'Beheerder herstellen',
  skipLink: 'Naar de inhoud',
  switchLanguage: { label: 'English', name: 'en' },
  date: dateIn('nl'),
  form: {
    title: 'Beheerderstoegang herstellen',
    intro:
      'Is de enige beheerder van uw eConnect-omgeving vertrokken? Vraag hier een nieuwe beheerder aan. We controleren eerst wie u bent; daarna beslist een medewerker van support.',
    nextTitle: 'Wat er daarna gebeurt',
    next: [
      'We mailen een persoonlijke link naar het adres dat u opgeeft. Open die en bevestig: dat adres wordt de login van de nieuwe beheerder.',
      'U toont aan dat u namens het bedrijf mag handelen, op de manier die u hieronder kiest.',
      'Een medewerker van support beoordeelt de aanvraag, meestal binnen één werkdag.',
      'Na goedkeuring krijgen de gebruikers van de omgeving bericht en volgt een korte wachttijd waarin zij bezwaar kunnen maken. Daarna wordt u beheerder.',
    ],
    youLegend: 'Over u',
    companyLegend: 'Het bedrijf en zijn omgeving',
    companyHint: 'Vul in wat u weet: zo vinden we de juiste omgeving.',
    methodLegend: 'Hoe toont u aan wie u bent?',
    optional: 'niet verplicht',
    labels: {
      requesterName: 'Uw volledige naam',
      requesterEmail: 'Uw zakelijke e-mailadres',
      requesterPhone: 'Telefoonnummer',
      companyName: 'Bedrijfsnaam',
      kvkNumber: 'KvK-nummer',
      environmentReference: 'Naam of id van de omgeving',
      formerAdminEmail: 'E-mailadres van de vorige beheerder',
      method: 'Manier van controleren',
      message: 'Wat we verder moeten weten',
      language: "Taal van de e-mails en pagina's",
    },
    hints: {
      requesterEmail: 'Dit adres wordt de login van de nieuwe beheerder.',
      requesterPhone: 'Zodat de medewerker u kan bellen met een vraag.',
      kvkNumber: '8 cijfers, zoals op het uittreksel van de Kamer van Koophandel.',
      environmentReference: 'Bijvoorbeeld ENV-1001, of de naam die u ziet als u inlogt.',
    },
    methods: {
      email: {
        label: 'Een code per e-mail naar een adres dat eConnect al kent',
        explanation:
          "We sturen een code van 8 cijfers naar een e-mailadres dat al bekend is bij de omgeving (bijvoorbeeld van een collega of een algemeen adres). U vult de code in op de pagina van uw aanvraag. Kies dit als u de mail op zo'n adres kunt lezen.",
      },
      chamber_extract: {
        label: 'Een uittreksel van de Kamer van Koophandel (KvK)',
        explanation:
          'U uploadt een recent uittreksel (pdf) van de Kamer van Koophandel waarop u staat als iemand die namens het bedrijf mag handelen. Kies dit als niemand de mail op een adres dat eConnect kent kan lezen.',
      },
    },
    languages: { en: 'English', nl: 'Nederlands' },
    submit: 'Aanvraag versturen',
    errorSummary: 'Verbeter het volgende',
    fieldErrors: {
      requesterName: 'Vul uw volledige naam in (hoogstens 200 tekens).',
      requesterEmail: 'Vul een geldig e-mailadres in, zoals anna@bedrijf.nl.',
      requesterPhone: 'Vul een telefoonnummer in zoals +31 20 123 4567, of laat het leeg.',
      companyName: 'Vul de bedrijfsnaam in (hoogstens 200 tekens).',
      kvkNumber: 'Een KvK-nummer heeft precies 8 cijfers. Laat het leeg als u het niet weet.',
      environmentReference: 'De naam of het id van de omgeving is hoogstens 200 tekens.',
      formerAdminEmail: 'Vul een geldig e-mailadres in, of laat het leeg.',
      method: 'Kies hoe u aantoont wie u bent.',
      message: 'Het bericht is hoogstens 2000 tekens.',
      language: 'Kies English of Nederlands.',
    },
    rateLimited:
      'Er kwamen in korte tijd te veel aanvragen van uw netwerk. Probeer het over een uur opnieuw.',
    unavailable:
      'De dienst kan op dit moment geen aanvragen aannemen. Er is niets verstuurd; probeer het zo opnieuw.',
    formExpired:
      'Dit formulier stond te lang open of kwam van elders. Controleer uw gegevens en verstuur het opnieuw.',
  },
  sent: {
    title: 'Kijk in uw mailbox',
    body: (reference) =>
      `Uw aanvraag heeft het kenmerk ${reference}. We hebben u een persoonlijke link ernaartoe gemaild.`,
    next: [
      'Open de link in de mail en klik op "Bevestigen". Tot dan gebeurt er niets.',
      'Geen mail binnen een paar minuten? Kijk in uw map met ongewenste mail. Is de link verlopen, verstuur dan gewoon een nieuwe aanvraag.',
    ],
    again: 'Nog een aanvraag versturen',
  },
  case: {
    title: (reference) => `Uw aanvraag ${reference}`,
    notFoundTitle: 'Link niet geldig',
    notFound:
      'Deze link opent geen aanvraag. Gebruik de volledige link uit de mail; is de aanvraag lang geleden afgesloten, verstuur dan een nieuwe.',
    statusHeading: 'Waar uw aanvraag staat',
    status: {
      awaiting_confirmation: 'Wacht op de bevestiging van uw e-mailadres',
      awaiting_email_code: 'Wacht op de gemailde code',
      awaiting_document: 'Wacht op uw uittreksel van de Kamer van Koophandel',
      analysing_document: 'We lezen uw uittreksel',
      awaiting_review: 'Een medewerker van support beoordeelt uw aanvraag',
      cooling_off: 'Goedgekeurd; wachttijd voor de benoeming',
      appointing: 'U wordt beheerder gemaakt',
      needs_attention: 'Ons supportteam bekijkt een probleem met uw aanvraag',
      completed: 'Afgerond: u bent beheerder',
      rejected: 'Afgewezen',
      expired: 'Verlopen',
      cancelled: 'Ingetrokken',
      closed: 'Afgesloten door support',
    },
    timelineHeading: 'Wat er tot nu toe gebeurde',
    events: {
      case_submitted: 'Aanvraag ontvangen',
      case_link_sent: 'Link naar u gemaild',
      case_confirmed: 'E-mailadres bevestigd',
      email_code_sent: 'Code gemaild naar een adres dat bekend is bij de omgeving',
      email_code_rejected: 'Er werd een verkeerde code ingevuld',
      email_code_exhausted: 'Geen pogingen meer over voor de code',
      email_code_verified: 'Code goedgekeurd',
      extract_requested: 'Uittreksel gevraagd',
      document_uploaded: 'Uittreksel geüpload',
      document_analysed: 'Uittreksel gelezen',
      document_refused: 'Uittreksel kon niet worden gebruikt',
      review_started: 'Beoordeling door support begonnen',
      case_approved: 'Goedgekeurd door support',
      case_rejected: 'Afgewezen door support',
      document_requested: 'Er werd een nieuw uittreksel gevraagd',
      cooling_off_started: 'Gebruikers van de omgeving ingelicht; wachttijd begonnen',
      objection_raised: 'Een gebruiker van de omgeving maakte bezwaar',
      administrator_appointed: 'U bent beheerder gemaakt',
      case_completed: 'Afgerond',
      case_cancelled: 'Ingetrokken',
      case_expired: 'Verlopen',
      case_closed: 'Afgesloten door support',
    },
    nextHeading: 'Uw volgende stap',
    confirm: {
      body: 'Klik op de knop om te bevestigen dat deze mailbox van u is. Die wordt de login van de nieuwe beheerder.',
      button: 'Mijn e-mailadres bevestigen',
    },
    code: {
      body: 'We hebben een code van 8 cijfers gemaild naar een adres dat eConnect al kent voor de omgeving. Vraag de code aan wie die mailbox leest.',
      label: 'Code uit de mail',
      hint: '8 cijfers; spaties maken niet uit.',
      triesLeft: (n) => (n === 1 ? 'Nog 1 poging.' : `Nog ${String(n)} pogingen.`),
      expiresAt: (date) => `De code is geldig tot ${date}.`,
      button: 'Code controleren',
      resendBody: (n) =>
        n === 1
          ? 'U kunt nog één keer een nieuwe code vragen.'
          : `U kunt nog ${String(n)} keer een nieuwe code vragen.`,
      resend: 'Nieuwe code sturen',
      noResends: 'Er kunnen geen nieuwe codes meer worden gestuurd.',
      alternative: 'Kan niemand die mailbox lezen? Upload dan een uittreksel van de Kamer van Koophandel:',
    },
    upload: {
      body: 'Upload een recent uittreksel (pdf, hoogstens 10 MB) van de Kamer van Koophandel waarop u staat als iemand die namens het bedrijf mag handelen.',
      label: 'Uittreksel (pdf)',
      hint: 'De pdf zoals u die van kvk.nl downloadde; geen scan of foto.',
      button: 'Uittreksel uploaden',
      uploading: 'Bezig met uploaden…',
      progress: 'Voortgang van de upload',
      uploadsLeft: (n) => (n === 1 ? 'Nog 1 upload mogelijk.' : `Nog ${String(n)} uploads mogelijk.`),
    },
    document: {
      received: 'We hebben uw uittreksel ontvangen en lezen het.',
      analysed: 'We hebben uw uittreksel gelezen. Een medewerker van support controleert wat erin staat.',
      refused: 'We konden uw laatste uittreksel niet gebruiken.',
      reasons: {
        encrypted:
          'De pdf is beveiligd met een wachtwoord. Download het uittreksel opnieuw van kvk.nl en upload het zoals het is.',
        unreadable:
          'Het bestand kon niet als pdf worden gelezen. Download het uittreksel opnieuw van kvk.nl en upload dat bestand.',
        too_many_pages:
          "De pdf heeft te veel pagina's voor een uittreksel. Upload alleen het uittreksel zelf.",
        too_complex:
          'De pdf is te ingewikkeld om te lezen. Download het uittreksel opnieuw van kvk.nl en upload dat bestand.',
        not_an_extract:
          'Dit lijkt geen uittreksel van de Kamer van Koophandel. Upload het uittreksel dat u van kvk.nl downloadde.',
      },
    },
    waiting: {
      analysis: 'We lezen uw uittreksel. Dat duurt meestal een paar seconden.',
      review:
        'Een medewerker van support beoordeelt uw aanvraag, meestal binnen één werkdag. We mailen u de uitkomst.',
      appointment: (date) =>
        date
          ? `Uw aanvraag is goedgekeurd. De gebruikers van de omgeving zijn ingelicht; als niemand bezwaar maakt, wordt u op ${date} beheerder.`
          : 'Uw aanvraag is goedgekeurd. U wordt beheerder gemaakt.',
      support:
        'Bij het verwerken van uw aanvraag ging aan onze kant iets mis. Een medewerker van support gaat dit bekijken. U hoeft niets te doen. We mailen u zodra er nieuws is.',
      refreshes: 'Deze pagina werkt zichzelf bij.',
    },
    final: {
      completed: 'U bent nu beheerder van de omgeving. We hebben u gemaild hoe u inlogt.',
      rejected:
        'Uw aanvraag is afgewezen. U kunt een nieuwe aanvraag versturen als de situatie is veranderd.',
      expired:
        'Uw aanvraag is verlopen omdat een stap niet op tijd werd gezet. U kunt een nieuwe aanvraag versturen.',
      cancelled: 'Uw aanvraag is ingetrokken. U kunt altijd een nieuwe aanvraag versturen.',
      closed:
        'Uw aanvraag is afgesloten door eConnect Support. Er is in geen enkele eConnect-omgeving iets gewijzigd. U kunt een nieuwe aanvraag versturen als u nog steeds toegang nodig heeft.',
    },
    agentSaid: 'De medewerker van support schreef:',
    cancel: {
      summary: 'Deze aanvraag intrekken',
      body: 'Intrekken stopt de aanvraag definitief. Er verandert niets in de omgeving.',
      button: 'Ja, trek mijn aanvraag in',
    },
    problems: {
      form_expired: 'De pagina stond te lang open. Probeer het opnieuw.',
      confirm_refused: 'Deze aanvraag kan niet meer worden bevestigd; hieronder ziet u waar ze staat.',
      code_format: 'De code bestaat uit de 8 cijfers uit de mail.',
      code_wrong: 'Die code klopt niet.',
      code_refused:
        'De code kan niet meer worden gebruikt: ze is verlopen of er zijn geen pogingen meer over.',
      resend_refused: 'Er kan nu geen nieuwe code worden gestuurd.',
      upload_missing: 'Kies eerst het pdf-bestand van uw uittreksel.',
      upload_too_large:
        'Het bestand is groter dan 10 MB. Een uittreksel van kvk.nl is veel kleiner: upload dat bestand.',
      upload_not_pdf:
        'Dat bestand is geen pdf. Upload het uittreksel als de pdf die u van kvk.nl downloadde.',
      upload_refused: 'Er kan nu geen uittreksel worden geüpload.',
      cancel_refused: 'De aanvraag kan niet meer worden ingetrokken.',
      unavailable: 'De dienst kon dit zojuist niet verwerken. Er is niets veranderd; probeer het zo opnieuw.',
    },
    submittedHeading: 'Wat u ons stuurde',
    submittedLabels: {
      requesterName: 'Naam',
      requesterEmail: 'E-mailadres',
      requesterPhone: 'Telefoonnummer',
      companyName: 'Bedrijf',
      kvkNumber: 'KvK-nummer',
      environmentReference: 'Omgeving',
      formerAdminEmail: 'Vorige beheerder',
      message: 'Bericht',
    },
    methodLabel: 'Controle',
  },
  objection: {
    title: 'Bezwaar maken tegen een nieuwe beheerder',
    intro:
      'Iemand heeft gevraagd beheerder te worden van uw eConnect-omgeving, en een medewerker van support heeft dat goedgekeurd. Bent u het er niet mee eens, vertel ons dan waarom: de benoeming wacht dan tot een medewerker van support uw bezwaar heeft bekeken.',
    about: ({ requesterName, requesterEmail, environmentName, date }) =>
      `${requesterName} (${requesterEmail}) heeft gevraagd beheerder te worden van de omgeving ${environmentName}. Als niemand bezwaar maakt, gaat dat in ${date ? `op ${date}` : 'na de wachttijd die in uw bericht staat'}.`,
    label: 'Waarom maakt u bezwaar?',
    hint: 'Bijvoorbeeld: "Ik ken deze persoon niet" of "onze beheerder is op vakantie".',
    button: 'Mijn bezwaar versturen',
    error: 'Vertel in een paar woorden waarom u bezwaar maakt (minstens 3 tekens, hoogstens 2000).',
    receivedTitle: 'Bezwaar ontvangen',
    received: 'Dank u. De benoeming is gestopt tot een medewerker van support uw bezwaar heeft bekeken.',
    invalid:
      'Deze link kan niet worden gebruikt: hij is niet volledig, al gebruikt, of de wachttijd is voorbij. Neem contact op met eConnect support als u toch bezwaar wilt maken.',
    formExpired: 'De pagina stond te lang open. Verstuur uw bezwaar opnieuw.',
    unavailable: 'De dienst kon uw bezwaar zojuist niet aannemen. Probeer het zo opnieuw.',
  },
};

export const REQUESTER_TEXT: Record<CaseLanguage, RequesterText> = { en: EN, nl: NL };
