import { parseDuration } from './duration';

describe(parseDuration.name, () => {
  it.each([
    ['P7D', 7 * 24 * 3600_000],
    ['PT24H', 24 * 3600_000],
    ['PT8H', 8 * 3600_000],
    ['P1DT2H30M', (26 * 60 + 30) * 60_000],
    ['PT1.5S', 1500],
    ['P2W', 14 * 24 * 3600_000],
    ['pt30m', 30 * 60_000],
    ['PT0S', 0],
    ['5000', 5000],
    ['0', 0],
  ])('reads %s', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it.each(['', 'P', 'PT', '7 days', 'P1Y', 'P1M', '-5', '1.5', 'PT-1H', 'P1DT'])('refuses %p', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
