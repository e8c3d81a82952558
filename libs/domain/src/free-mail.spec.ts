import { domainOf, isFreeMailAddress } from './free-mail';

describe(isFreeMailAddress.name, () => {
  it.each(['anna@gmail.com', 'Anna@Hotmail.COM', 'x@ziggo.nl', 'y@telenet.be', 'z@proton.me'])(
    'knows %s',
    (email) => {
      expect(isFreeMailAddress(email)).toBe(true);
    },
  );

  it.each(['anna@acme.nl', 'it@mail.acme.com', 'x@gmail.com.attacker.example', 'y@notgmail.com'])(
    'takes %s for a company address',
    (email) => {
      expect(isFreeMailAddress(email)).toBe(false);
    },
  );

  it('reads the domain after the last @, lower-cased', () => {
    expect(domainOf('Anna@Acme.NL')).toBe('acme.nl');
  });
});
