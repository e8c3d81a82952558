import { requesterAllowances } from './requester-allowances';

describe(requesterAllowances.name, () => {
  const limits = { maxUploads: 3, maxCodeResends: 2 };
  const use = { codesSent: 0, uploads: 0, uploadsWhenDocumentRequested: null };

  it('counts resends after the first code, and uploads against the limit', () => {
    expect(requesterAllowances(limits, use)).toEqual({ codeResendsLeft: 2, uploadsLeft: 3 });
    expect(requesterAllowances(limits, { ...use, codesSent: 1, uploads: 1 })).toEqual({
      codeResendsLeft: 2,
      uploadsLeft: 2,
    });
    expect(requesterAllowances(limits, { ...use, codesSent: 3, uploads: 3 })).toEqual({
      codeResendsLeft: 0,
      uploadsLeft: 0,
    });
  });

  it('never answers less than nothing', () => {
    expect(requesterAllowances(limits, { ...use, codesSent: 9, uploads: 9 })).toEqual({
      codeResendsLeft: 0,
      uploadsLeft: 0,
    });
  });

  it("allows one more upload after an agent's request, also past the limit", () => {
    const asked = { ...use, uploads: 3, uploadsWhenDocumentRequested: 3 };
    expect(requesterAllowances(limits, asked).uploadsLeft).toBe(1);
    expect(requesterAllowances(limits, { ...asked, uploads: 4 }).uploadsLeft).toBe(0);
    // Asked early, the limit itself still holds.
    expect(
      requesterAllowances(limits, { ...use, uploads: 1, uploadsWhenDocumentRequested: 1 }).uploadsLeft,
    ).toBe(2);
  });
});
