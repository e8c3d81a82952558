import { stepInWords } from './step-in-words';

describe(stepInWords.name, () => {
  it.each([
    ['appointAdministrator', 'appoint administrator'],
    ['sendCoolingOffNotices', 'send cooling off notices'],
    ['sendAccessLink', 'send access link'],
    ['requestKVKExtract', 'request kvk extract'],
    ['not_found', 'not found'],
    ['mailbox-refused', 'mailbox refused'],
    ['analyse', 'analyse'],
  ])('says %s as "%s"', (name, words) => {
    expect(stepInWords(name)).toBe(words);
  });
});
