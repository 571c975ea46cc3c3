import fc from 'fast-check';
import { hubBucketName } from '../../../modules/jumpstart-hub';

/** S3 general purpose bucket naming rules, as S3 documents them. */
function isValidBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !name.startsWith('xn--') &&
    !name.startsWith('sthree-') &&
    !name.endsWith('-s3alias') &&
    !name.endsWith('--ol-s3')
  );
}

/** SageMaker hub names. */
const hubName = fc.stringMatching(/^[A-Za-z0-9](-*[A-Za-z0-9]){0,62}$/).filter((n) => n.length <= 63);
const accountId = fc.stringMatching(/^\d{12}$/);

describe('hubBucketName', () => {
  test.each([
    ['curated', '444444444444', 'modelgate-hub-curated-444444444444'],
    ['curated-models', '111111111111', 'modelgate-hub-curated-models-111111111111'],
  ])('names hub %s in account %s %s', (name, account, expected) => {
    expect(hubBucketName(name, account)).toBe(expected);
  });

  test('adds a hash of the original name when it had to be lower-cased, so "Curated" and "curated" differ', () => {
    const upper = hubBucketName('Curated', '444444444444');
    expect(upper).toMatch(/^modelgate-hub-curated-[0-9a-f]{8}-444444444444$/);
    expect(upper).not.toBe(hubBucketName('curated', '444444444444'));
  });

  test('shortens a long name to fit 63 characters, keeping it apart from a name with the same start', () => {
    const long = 'a'.repeat(40);
    const name = hubBucketName(long, '444444444444');
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).not.toBe(hubBucketName(`${long}b`, '444444444444'));
  });

  test('always gives a valid S3 bucket name, the same one every time, and distinct ones for distinct hubs', () => {
    fc.assert(
      fc.property(hubName, hubName, accountId, (a, b, account) => {
        const name = hubBucketName(a, account);
        expect(isValidBucketName(name)).toBe(true);
        expect(hubBucketName(a, account)).toBe(name);
        if (a !== b) expect(hubBucketName(b, account)).not.toBe(name);
      }),
      { numRuns: 500 },
    );
  });
});
