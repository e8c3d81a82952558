import { parsePersonName, samePerson } from './person-name';

describe(parsePersonName.name, () => {
  it.each([
    ['De Vries, Anna Maria', { given: ['anna', 'maria'], surname: ['vries'] }],
    ['Vries, Anna Maria de', { given: ['anna', 'maria'], surname: ['vries'] }],
    ['Anna Maria de Vries', { given: ['anna', 'maria'], surname: ['vries'] }],
    ['A.M. van der Berg', { given: ['a', 'm'], surname: ['berg'] }],
    ["Jan van 't Hof", { given: ['jan'], surname: ['hof'] }],
    ['Mevr. Zoë Jansen-de Boer', { given: ['zoe'], surname: ['jansen', 'boer'] }],
    ['Pieter Jansen', { given: ['pieter'], surname: ['jansen'] }],
  ])('parses "%s"', (name, expected) => {
    expect(parsePersonName(name)).toEqual(expected);
  });
});

describe(samePerson.name, () => {
  it.each([
    ['De Vries, Anna Maria', 'Anna de Vries'],
    ['De Vries, Anna Maria', 'anna maria DE VRIES'],
    ['Vries, Anna Maria de', 'Anna de Vries'],
    ['De Vries, Anna Maria', 'A.M. de Vries'],
    ['De Vries, A.M.', 'Anna de Vries'],
    ['Van der Berg, Jan', 'Jan van den Berg'],
    ['Jansen-de Boer, Zoë', 'Zoe Jansen-de Boer'],
    ['Jansen-de Boer, Zoë', 'Zoë de Boer'],
    ['Anna Maria de Vries', 'De Vries, Anna'],
    ['Jansen, Pieter', 'dhr. P. Jansen'],
    ['Søren de Vries', 'Soren de Vries'],
  ])('takes "%s" and "%s" for the same person', (listed, requester) => {
    expect(samePerson(listed, requester)).toBe(true);
  });

  it.each([
    ['De Vries, Anna Maria', 'Pieter de Vries'],
    ['De Vries, Anna Maria', 'Anna Jansen'],
    ['De Vries, Anna Maria', 'de Vries'],
    ['De Vries, Anna Maria', 'Anna'],
    ['Acme Holding B.V.', 'Anna de Vries'],
    ['De Vries, Anna Maria', ''],
  ])('does not take "%s" and "%s" for the same person', (listed, requester) => {
    expect(samePerson(listed, requester)).toBe(false);
  });
});
