import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ExtractReader, interpretExtract, refusalMessage } from '@app/document-analysis';
import { DomainError, statesAllowing } from '@app/domain';
import { extractRequestedMail, MailDeliveries, Mailer } from '@app/mail';
import { CaseDocumentRepository } from '@app/persistence';
import type { CaseActivityInput } from '@app/workflows/activities.contract';
import { CaseSteps } from './case-steps';
import { ExtractFindingsService, type StoredExtract } from './extract-findings.service';

/**
 * The extract: the requester is asked for one, it is read (in a capped child process) and its findings are
 * recorded, or the file is refused.
 */
@Injectable()
export class DocumentActivities {
  private readonly logger = new Logger(DocumentActivities.name);

  constructor(
    private readonly config: AppConfig,
    private readonly steps: CaseSteps,
    private readonly documents: CaseDocumentRepository,
    private readonly reader: ExtractReader,
    private readonly findings: ExtractFindingsService,
    private readonly mailer: Mailer,
    private readonly deliveries: MailDeliveries,
  ) {}

  async startAnalysis({ caseId, documentId }: CaseActivityInput & { documentId: string }): Promise<void> {
    // Marked before the case moves: from then on the api's undo spares it (a retry marks it again, unchanged).
    const document = (await this.documents.markTaken(documentId, caseId))
      ? await this.documents.findById(documentId)
      : null;
    // For good, not for a retry: the upload is refused (the api took back a file it could not hand over).
    if (!document) {
      throw new DomainError('not_found', `document ${documentId} of case ${caseId} does not exist`);
    }
    try {
      await this.steps.takeOrFind(caseId, {
        from: statesAllowing('upload_document'),
        to: 'analysing_document',
        event: {
          type: 'document_uploaded',
          actorType: 'requester',
          details: { documentId, sequence: document.sequence, byteSize: document.byteSize },
        },
      });
    } catch (error) {
      // Refused (the case had moved on): the file is no part of the case, and the api takes it back.
      if (error instanceof DomainError) await this.documents.markUntaken(documentId);
      throw error;
    }
  }

  async analyseDocument({
    caseId,
    documentId,
  }: CaseActivityInput & { documentId: string }): Promise<{ usable: boolean }> {
    const document = await this.documents.findById(documentId);
    if (document?.caseId !== caseId)
      throw new DomainError('not_found', `document ${documentId} of case ${caseId} does not exist`);
    if (document.status !== 'received') return { usable: document.status === 'analysed' };
    const content = await this.documents.contentOf(documentId);
    if (!content) throw new DomainError('not_found', `document ${documentId} has no content`);

    const reading = await this.reader.read(content);
    const kase = await this.steps.load(caseId);
    const extract = reading.kind === 'read' ? interpretExtract(reading.text) : undefined;
    if (reading.kind === 'refused' || !extract) {
      const refusal =
        reading.kind === 'refused'
          ? { reason: reading.reason, message: reading.message }
          : {
              reason: 'not_an_extract' as const,
              message: refusalMessage('not_an_extract', this.config.recovery.documents.maxPages),
              pageCount: reading.pageCount,
            };
      await this.steps.take(caseId, {
        from: ['analysing_document'],
        to: 'awaiting_document',
        event: {
          type: 'document_refused',
          actorType: 'system',
          details: {
            documentId,
            sequence: document.sequence,
            reason: refusal.reason,
            message: refusal.message,
          },
        },
        also: (manager) => this.documents.recordRefusal(documentId, refusal, manager),
      });
      this.logger.log({ caseId, documentId, reason: refusal.reason }, 'document refused');
      return { usable: false };
    }

    const stored: StoredExtract = { data: extract, metadata: reading.metadata };
    const findings = await this.findings.assess(kase, stored);
    // Once per document: two attempts at once both read it, but only the first records what it found.
    await this.steps.takeOnce(
      caseId,
      {
        from: ['analysing_document'],
        to: 'analysing_document',
        event: {
          type: 'document_analysed',
          actorType: 'system',
          details: {
            documentId,
            sequence: document.sequence,
            kvkNumberMatches: findings.kvkNumberMatches,
            extractRecent: findings.extractRecent,
            requesterIsOfficer: findings.requesterIsOfficer,
            warnings: findings.warnings.map((warning) => warning.code),
          },
        },
        also: (manager) =>
          this.documents.recordAnalysis(
            documentId,
            { pageCount: reading.pageCount, extract: stored, findings },
            manager,
          ),
      },
      { types: ['document_analysed'], details: { documentId } },
    );
    this.logger.log({ caseId, documentId, warnings: findings.warnings.length }, 'document analysed');
    return { usable: true };
  }

  async sendExtractRequest({ caseId }: CaseActivityInput): Promise<void> {
    const kase = await this.steps.load(caseId);
    // Only the email method needs telling: a requester who chose the extract expects to upload one.
    if (kase.method !== 'email') return;
    await this.deliveries.deliver({
      caseId,
      purpose: 'extract-request',
      to: kase.requesterEmail,
      ...extractRequestedMail({
        language: kase.language,
        requesterName: kase.requesterName,
        reference: kase.reference,
        reason: 'no_known_address',
      }),
      messageId: this.mailer.messageId('extract-request', caseId),
    });
    this.logger.log({ caseId }, 'extract requested');
  }
}
