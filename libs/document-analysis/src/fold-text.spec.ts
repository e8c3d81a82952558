import { foldText } from './fold-text';

describe(foldText.name, () => {
  it.each([
    ['Zoë Müller', 'zoe muller'],
    ['Søren Ærø', 'soren aero'],
    ['Łukasz Straße', 'lukasz strasse'],
    ['Œuvre Café', 'oeuvre cafe'],
    ['Acme B.V.', 'acme b.v.'],
  ])('folds "%s" to "%s"', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });
});
