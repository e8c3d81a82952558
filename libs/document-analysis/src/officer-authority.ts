import type { OfficerAuthority, OfficerRole } from '@app/domain';

// Checked in this order: "niet bevoegd" must not count as "bevoegd", nor "gezamenlijk bevoegd" as alone.
// Word starts matter: "onbeperkt" (unlimited) contains "beperkt" (limited), "unlimited" contains "limited".
const NOT_AUTHORISED =
  /\bniet\s+bevoegd|\bonbevoegd|\bgeen\s+bevoegdheid|\bnot\s+authori[sz]ed|\bno\s+authority|\bunauthori[sz]ed/;
const JOINT_OR_LIMITED =
  /\bgezamenlijk|\bsamen\s+met|\bbeperkt|\bjoint|\btogether\s+with|\blimited|\brestricted|\bwith\s+(?:an)?other/;
const ALONE =
  /\balleen\b|\bzelfstandig|\bvolledig(?:e)?\s+(?:bevoegd|volmacht)|\bonbeperkt|\bsole(?:ly)?\b|\bindependent(?:ly)?\b|\bfull(?:y)?\s+(?:authori[sz]ed|power)|\bunlimited|\bunrestricted/;

/**
 * What an authority line (Bevoegdheid / Authority) means for acting alone. An owner of a sole
 * proprietorship (eigenaar) needs no line: the business is theirs.
 */
export function interpretAuthority(text: string | undefined, role: OfficerRole): OfficerAuthority {
  const line = text?.toLowerCase().replace(/\s+/g, ' ').trim() ?? '';
  if (NOT_AUTHORISED.test(line)) return 'no';
  if (line === '') return role === 'eigenaar' ? 'yes' : 'not_determined';
  if (JOINT_OR_LIMITED.test(line)) return 'not_determined';
  if (ALONE.test(line)) return 'yes';
  return role === 'eigenaar' ? 'yes' : 'not_determined';
}

/** Whether a line standing alone reads as an authority (some layouts give it without its label). */
export function looksLikeAuthority(line: string): boolean {
  const lower = line.toLowerCase();
  return (
    /\bbevoegd|\bvolmacht|\bauthori[sz]ed|\bauthority|\bpower\s+of\s+attorney/.test(lower) &&
    line.length <= 120
  );
}
