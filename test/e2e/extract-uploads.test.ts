import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import {
  caseAwaitingDocument,
  documentSettled,
  extractOf,
  storedDocuments,
  type ExtractCase,
} from '../support/extract-case';
import { encryptedPdf, hostilePdf, pdfOfPages, plainPdf } from '../support/test-pdfs';
import { newRecoveryRequest } from '../support/factories';
import { bearer } from '../support/http-client';
import { caseReaches, requesterAction, uploadDocument } from '../support/recovery-flow';
import {
  requesterStatus,
  submitAndOpenMail,
  type AccessLink,
  type RequesterCase,
} from '../support/requester';
import { startTestService, type TestService } from '../support/test-service';

const MB = 1024 * 1024;

describe('extract uploads', () => {
  let service: TestService;
  let db: DataSource;

  beforeAll(async () => {
    [service, db] = await Promise.all([
      startTestService({ DOCUMENT_PARSE_TIMEOUT: 'PT5S' }),
      openTestDatabase(),
    ]);
  });

  afterAll(async () => {
    await service.close();
    await db.destroy();
  });

  const organisationOf = (kase: ExtractCase): { kvkNumber: string; name: string } => {
    const [organisation] = kase.organisations;
    if (!organisation) throw new Error('no organisation');
    return organisation;
  };

  /** Nothing was lost: a good extract uploaded now is read and the case goes to review. */
  async function stillTakesAGoodExtract(kase: ExtractCase): Promise<void> {
    const answer = await uploadDocument(service, kase.link, await extractOf(organisationOf(kase)));
    expect(answer.status).toBe(202);
    const reviewed = await caseReaches(service, kase.link, 'awaiting_review');
    expect(reviewed.latestDocument?.status).toBe('analysed');
  }

  /** Uploads a file the reader will refuse; answers the requester's view once it was refused. */
  async function refusedUpload(kase: ExtractCase, content: Buffer, sequence: number): Promise<RequesterCase> {
    const answer = await uploadDocument(service, kase.link, content);
    expect(answer.status).toBe(202);
    const settled = await documentSettled(service, kase.link, sequence);
    expect(settled.status).toBe('awaiting_document');
    expect(settled.latestDocument?.status).toBe('refused');
    return settled;
  }

  const refusalReasonOf = async (kase: ExtractCase, sequence: number): Promise<string | null | undefined> =>
    (await storedDocuments(db, kase.link.reference)).find((d) => d.sequence === sequence)?.refusal_reason;

  /** A POST to the documents route with a body of our making, not a browser's form. */
  const rawPost = (link: AccessLink, body: string | Buffer, contentType: string) =>
    fetch(`${service.baseUrl}/api/recovery-requests/${link.reference}/documents`, {
      method: 'POST',
      headers: { ...bearer(link.token), 'content-type': contentType },
      body,
    });

  describe('files refused after reading, each with a message', () => {
    it('refuses a PDF that is not an extract, and counts the upload', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const refused = await refusedUpload(
        kase,
        await plainPdf('Invoice 2024-001\nAcme B.V.\nTotal: EUR 1,250.00'),
        1,
      );
      expect(refused.latestDocument?.refusalMessage).toMatch(/extract/i);
      // The reason as a code too: the requester's page words it in the case's language.
      expect(refused.latestDocument?.refusalReason).toBe('not_an_extract');
      expect(refused.allowances.uploadsLeft).toBe(2);
      expect(refused.events).toContainEqual(
        expect.objectContaining({
          type: 'document_refused',
          message: refused.latestDocument?.refusalMessage,
        }),
      );
      expect(await refusalReasonOf(kase, 1)).toBe('not_an_extract');
      await stillTakesAGoodExtract(kase);
    });

    it('refuses an encrypted PDF: it asks for one without a password', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const refused = await refusedUpload(kase, encryptedPdf(), 1);
      expect(refused.latestDocument?.refusalMessage).toMatch(/password/);
      expect(await refusalReasonOf(kase, 1)).toBe('encrypted');
      await stillTakesAGoodExtract(kase);
    });

    it('refuses a PDF of 21 pages: more than an extract has', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const refused = await refusedUpload(kase, await pdfOfPages(21), 1);
      expect(refused.latestDocument?.refusalMessage).toMatch(/more than 20 pages/);
      expect(await refusalReasonOf(kase, 1)).toBe('too_many_pages');
      await stillTakesAGoodExtract(kase);
    });

    it('refuses a hostile PDF for its own case only: the next case is read and everything keeps answering', async () => {
      const [hostile, good] = await Promise.all([
        caseAwaitingDocument(service, db),
        caseAwaitingDocument(service, db),
      ]);
      expect((await uploadDocument(service, hostile.link, hostilePdf())).status).toBe(202);
      expect((await uploadDocument(service, good.link, await extractOf(organisationOf(good)))).status).toBe(
        202,
      );

      const read = await caseReaches(service, good.link, 'awaiting_review');
      expect(read.latestDocument?.status).toBe('analysed');
      const refused = await documentSettled(service, hostile.link, 1);
      expect(refused.latestDocument?.status).toBe('refused');
      expect(refused.latestDocument?.refusalMessage).toMatch(/too complex/);
      expect(await refusalReasonOf(hostile, 1)).toBe('too_complex');

      expect((await fetch(`${service.baseUrl}/health/live`)).status).toBe(200);
      expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
      await stillTakesAGoodExtract(hostile);
    });
  });

  describe('files refused at once, nothing stored', () => {
    it('answers 413 for a file over 10 MB', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(11 * MB, 0x20)]);
      const answer = await uploadDocument(service, kase.link, big);
      expect(answer.status).toBe(413);
      expect(answer.body.message).toMatch(/10 MB/);
      expect(await storedDocuments(db, kase.link.reference)).toEqual([]);
      const status = await requesterStatus(service, kase.link);
      expect(status.body).toMatchObject({ status: 'awaiting_document', allowances: { uploadsLeft: 3 } });
      await stillTakesAGoodExtract(kase);
    });

    it.each([
      ['a PNG', Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex')],
      ['plain text', Buffer.from('Uittreksel Handelsregister Kamer van Koophandel\nKvK-nummer 12345678\n')],
    ])('answers 415 for %s named extract.pdf', async (_kind, content) => {
      const kase = await caseAwaitingDocument(service, db);
      const answer = await uploadDocument(service, kase.link, content, {
        filename: 'extract.pdf',
        type: 'application/pdf',
      });
      expect(answer.status).toBe(415);
      expect(answer.body.message).toMatch(/not a PDF/);
      expect(await storedDocuments(db, kase.link.reference)).toEqual([]);
      await stillTakesAGoodExtract(kase);
    });
  });

  it('judges the bytes, not the name: an extract named extract.txt, sent as text/plain, is read', async () => {
    const kase = await caseAwaitingDocument(service, db);
    const answer = await uploadDocument(service, kase.link, await extractOf(organisationOf(kase)), {
      filename: 'extract.txt',
      type: 'text/plain',
    });
    expect(answer.status).toBe(202);
    const reviewed = await caseReaches(service, kase.link, 'awaiting_review');
    expect(reviewed.latestDocument).toEqual({
      sequence: 1,
      status: 'analysed',
      refusalReason: null,
      refusalMessage: null,
    });
  });

  describe('the upload itself', () => {
    it('refuses a fourth upload after three refused ones (409), and stores nothing of it', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const notAnExtract = await plainPdf('Dear Sir or Madam,\nThank you for your letter.');
      for (const sequence of [1, 2, 3]) await refusedUpload(kase, notAnExtract, sequence);
      expect((await requesterStatus(service, kase.link)).body).toMatchObject({
        status: 'awaiting_document',
        allowances: { uploadsLeft: 0 },
      });

      const fourth = await uploadDocument(service, kase.link, await extractOf(organisationOf(kase)));
      expect(fourth.status).toBe(409);
      expect(fourth.body.message).toMatch(/No more documents can be uploaded/);
      expect((await storedDocuments(db, kase.link.reference)).map((d) => d.sequence)).toEqual([1, 2, 3]);
    });

    it('answers 400 for a file in another field than "file"', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const answer = await uploadDocument(service, kase.link, await extractOf(organisationOf(kase)), {
        field: 'document',
      });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/"file"/);
      expect(await storedDocuments(db, kase.link.reference)).toEqual([]);
    });

    it('answers 400 for two files in one upload, and stores neither', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const extract = await extractOf(organisationOf(kase));
      const form = new FormData();
      form.append('file', new Blob([extract], { type: 'application/pdf' }), 'a.pdf');
      form.append('file', new Blob([extract], { type: 'application/pdf' }), 'b.pdf');
      const response = await fetch(
        `${service.baseUrl}/api/recovery-requests/${kase.link.reference}/documents`,
        {
          method: 'POST',
          headers: bearer(kase.link.token),
          body: form,
        },
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/one PDF/);
      expect(await storedDocuments(db, kase.link.reference)).toEqual([]);
    });

    it('answers 415 with a clear message for a request that is not multipart', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const response = await rawPost(kase.link, JSON.stringify({ file: 'JVBERi0xLjcK' }), 'application/json');
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({
        statusCode: 415,
        code: 'unsupported_media_type',
        error: 'Unsupported Media Type',
        message: 'Send the PDF as multipart/form-data in a field named "file".',
      });
      expect(await storedDocuments(db, kase.link.reference)).toEqual([]);
    });

    it('answers 415 for the raw PDF as the body, and stores nothing', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const pdf = await extractOf(organisationOf(kase));
      const response = await rawPost(kase.link, pdf, 'application/pdf');
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({
        statusCode: 415,
        code: 'unsupported_media_type',
        error: 'Unsupported Media Type',
        message: 'Send JSON (application/json), or multipart/form-data with the field "file" for an upload.',
      });
      expect(await storedDocuments(db, kase.link.reference)).toEqual([]);
    });

    it('answers 409 for a case that does not wait for a document', async () => {
      const { organisations } = await newEnvironment(db, { organisations: 1 });
      const [organisation] = organisations;
      if (!organisation) throw new Error('no organisation');
      const request = newRecoveryRequest({
        kvkNumber: organisation.kvkNumber,
        companyName: organisation.name,
      });
      const link = await submitAndOpenMail(service, request);
      const answer = await uploadDocument(service, link, await extractOf(organisation));
      expect(answer.status).toBe(409);
      expect(answer.body.message).toMatch(/does not wait for a document/);
      expect(await storedDocuments(db, link.reference)).toEqual([]);
      expect((await requesterStatus(service, link)).body.status).toBe('awaiting_confirmation');
    });
  });

  it("never opens another requester's case with a token: the same 404 as an unknown reference", async () => {
    const [mine, theirs] = await Promise.all([
      caseAwaitingDocument(service, db),
      caseAwaitingDocument(service, db),
    ]);
    const asMine = (reference: string): AccessLink => ({ ...mine.link, reference });
    const unknown = await requesterStatus(service, asMine('RC-ZZZZ-ZZZZ'));
    expect(unknown.status).toBe(404);

    const answers = [
      await requesterStatus(service, asMine(theirs.link.reference)),
      await requesterAction(service, asMine(theirs.link.reference), 'cancel'),
      await uploadDocument(service, asMine(theirs.link.reference), await extractOf(organisationOf(theirs))),
    ];
    for (const answer of answers) {
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: unknown.status,
        body: unknown.body,
      });
    }
    expect(await storedDocuments(db, theirs.link.reference)).toEqual([]);
    expect((await requesterStatus(service, theirs.link)).body.status).toBe('awaiting_document');
  });
});
