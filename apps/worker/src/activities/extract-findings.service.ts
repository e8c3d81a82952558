import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { assessFindings, type ExtractData, type ExtractMetadata } from '@app/document-analysis';
import type { ExtractFindings } from '@app/domain';
import { CaseDocumentRepository, OrganisationRepository, type CaseEntity } from '@app/persistence';

/** What is kept of a read extract (the `extract` column): enough to assess it again later. */
export interface StoredExtract {
  data: ExtractData;
  metadata: ExtractMetadata;
}

/** Compares a read extract with the case and its environment as they are now. */
@Injectable()
export class ExtractFindingsService {
  constructor(
    private readonly config: AppConfig,
    private readonly organisations: OrganisationRepository,
    private readonly documents: CaseDocumentRepository,
  ) {}

  /** After an agent linked the environment, the latest extract is compared with it again. */
  async refresh(kase: CaseEntity): Promise<void> {
    const document = await this.documents.latestAnalysed(kase.id);
    if (!document?.extract) return;
    const findings = await this.assess(kase, document.extract as StoredExtract);
    await this.documents.updateFindings(document.id, findings);
  }

  async assess(kase: CaseEntity, extract: StoredExtract, now = new Date()): Promise<ExtractFindings> {
    const organisations = kase.environmentId
      ? await this.organisations.listForEnvironment(kase.environmentId)
      : undefined;
    return assessFindings({
      metadata: extract.metadata,
      extract: extract.data,
      environment: organisations && {
        organisations: organisations.map(({ id, name, kvkNumber }) => ({ id, name, kvkNumber })),
      },
      requesterName: kase.requesterName,
      companyNameGiven: kase.companyName,
      now,
      maxAgeMs: this.config.recovery.documents.maxAgeMs,
    });
  }
}
