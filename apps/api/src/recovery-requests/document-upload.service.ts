import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { checkUpload, tooLargeMessage } from '@app/document-analysis';
import { actionRefusal, DomainError, isActionAllowed } from '@app/domain';
import { CaseDocumentRepository, isUniqueViolation, type CaseEntity } from '@app/persistence';
import { CaseCommandGateway } from '../temporal/case-command.gateway';
import { RecoveryWorkflowClient } from '../temporal/recovery-workflow.client';

const FIELD = 'file';

/**
 * Takes an extract upload: one multipart field `file`, at most 10 MB, a real PDF by its bytes (the name and
 * the declared type are ignored). It is stored under a generated id, and the workflow reads it.
 */
@Injectable()
export class DocumentUploadService {
  constructor(
    private readonly config: AppConfig,
    private readonly documents: CaseDocumentRepository,
    private readonly workflows: RecoveryWorkflowClient,
    private readonly commands: CaseCommandGateway,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(DocumentUploadService.name);
  }

  async upload(kase: CaseEntity, request: FastifyRequest): Promise<void> {
    if (!isActionAllowed('upload_document', kase.status)) {
      throw new DomainError('invalid_state', actionRefusal('upload_document', kase.status));
    }
    const content = await this.readFile(request);
    const { maxBytes } = this.config.recovery.documents;
    const check = checkUpload(content, { maxBytes });
    if (!check.ok) {
      const code = {
        too_large: 'too_large',
        not_a_pdf: 'unsupported_media_type',
        empty: 'invalid_input',
      } as const;
      throw new DomainError(code[check.reason], check.message);
    }

    const documentId = await this.commands.run({
      caseId: kase.id,
      name: 'document upload',
      write: () => this.store(kase, content),
      send: async (id) => {
        await this.workflows.documentUploaded(kase.id, id);
        return id;
      },
      // Refused (no uploads left, the case moved on) or Temporal away: the file never became part of the case.
      // Undone also without an answer (a requester told to try again uploads again). The workflow may still
      // take the update later: whichever comes first, its take or this undo, wins (`taken_at`); a workflow
      // that finds the file gone refuses the update, and the case waits for the upload sent again.
      undoWhenUnanswered: true,
      undo: (id) => this.documents.deleteUntaken(id),
    });
    this.logger.info({ caseId: kase.id, documentId, bytes: content.length }, 'document uploaded');
  }

  /** Stores the upload as the case's next document; answers its id. */
  private async store(kase: CaseEntity, content: Buffer): Promise<string> {
    try {
      const { id } = await this.documents.insert({
        caseId: kase.id,
        content,
        sha256: createHash('sha256').update(content).digest(),
      });
      return id;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_case_documents_case_sequence')) {
        throw new DomainError(
          'conflict',
          'Another upload for this case is being handled. Look at the case again.',
        );
      }
      throw error;
    }
  }

  private async readFile(request: FastifyRequest): Promise<Buffer> {
    if (!request.isMultipart()) {
      throw new DomainError(
        'unsupported_media_type',
        `Send the PDF as multipart/form-data in a field named "${FIELD}".`,
      );
    }
    try {
      let content: Buffer | undefined;
      // Every part is read, so that a second file or a field is refused instead of silently dropped.
      for await (const part of request.parts()) {
        if (part.type !== 'file' || part.fieldname !== FIELD || content !== undefined) {
          throw new DomainError(
            'invalid_input',
            `Send one PDF, in a field named "${FIELD}", and nothing else.`,
          );
        }
        content = await part.toBuffer();
      }
      if (!content) throw new DomainError('invalid_input', `Send the PDF in a field named "${FIELD}".`);
      return content;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new DomainError('too_large', tooLargeMessage(this.config.recovery.documents.maxBytes));
      }
      // Only the request's own bytes are read here: whatever else went wrong (a body cut off, no boundary,
      // too many parts), the sender can mend it.
      throw new DomainError(
        'invalid_input',
        `The upload could not be read. Send one PDF in the field "${FIELD}" as multipart/form-data.`,
      );
    }
  }
}
