import { codeRecipients, type KnownAddress } from './code-recipients';

const contact: KnownAddress = { email: 'info@acme.nl', source: 'environment_contact', active: true };
const office: KnownAddress = { email: 'office@acme.nl', source: 'organisation_contact', active: true };
const admin: KnownAddress = { email: 'jan@acme.nl', source: 'administrator', active: true };

describe(codeRecipients.name, () => {
  it('mails the contact addresses and the active administrators, once each, sorted', () => {
    expect(
      codeRecipients([office, contact, admin, { ...office, email: 'Office@Acme.nl' }], 'anna@acme.nl'),
    ).toEqual(['info@acme.nl', 'jan@acme.nl', 'office@acme.nl']);
  });

  it("never mails the requester's own address, whatever its case or source", () => {
    expect(codeRecipients([contact, admin], 'JAN@acme.nl ')).toEqual(['info@acme.nl']);
    expect(codeRecipients([contact], 'info@acme.nl')).toEqual([]);
  });

  it('never mails a user who is not active: a dismissed administrator asking from their old address', () => {
    const dismissed: KnownAddress = { email: 'piet@acme.nl', source: 'administrator', active: false };
    expect(codeRecipients([contact, dismissed], 'someone@elsewhere.example')).toEqual(['info@acme.nl']);
  });

  it("never mails a free-mail address, unless it is the environment's registered contact", () => {
    const free = [
      { email: 'acme.office@gmail.com', source: 'organisation_contact', active: true },
      { email: 'jan.acme@hotmail.com', source: 'administrator', active: true },
    ] as const;
    expect(codeRecipients([...free], 'anna@acme.nl')).toEqual([]);
    const registered: KnownAddress = {
      email: 'bakkerij.devries@ziggo.nl',
      source: 'environment_contact',
      active: true,
    };
    expect(codeRecipients([registered, ...free], 'anna@acme.nl')).toEqual(['bakkerij.devries@ziggo.nl']);
  });

  it("takes a company domain that only looks like a free-mail one for the company's", () => {
    expect(
      codeRecipients([{ email: 'it@mail.acme.com', source: 'administrator', active: true }], 'anna@acme.nl'),
    ).toEqual(['it@mail.acme.com']);
  });

  it("never mails the requester's own mailbox under a +tag, either way round", () => {
    expect(codeRecipients([contact, admin], 'info+recovery@acme.nl')).toEqual(['jan@acme.nl']);
    const tagged: KnownAddress = { email: 'jan+econnect@acme.nl', source: 'administrator', active: true };
    expect(codeRecipients([contact, tagged], 'jan@acme.nl')).toEqual(['info@acme.nl']);
  });

  it("never mails a deactivated user's address, even where it is also a contact address", () => {
    const dismissed: KnownAddress = { email: 'piet@acme.nl', source: 'administrator', active: false };
    const asContact: KnownAddress = { email: 'Piet@acme.nl', source: 'organisation_contact', active: true };
    expect(codeRecipients([contact, dismissed, asContact], 'someone@elsewhere.example')).toEqual([
      'info@acme.nl',
    ]);
  });
});
