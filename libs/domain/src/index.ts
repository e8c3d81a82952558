export * from './case/case-event';
export * from './case/case-reference';
export * from './case/case-status';
export * from './case/next-step';
export * from './case/verification-method';
export * from './errors/domain-error';
export * from './kvk-number';
