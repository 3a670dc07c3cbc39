import { describe, expect, it } from 'vitest';
import { customerPhone, usPhone } from '../../src/builders/phones.js';
import { Stream } from '../../src/random/rng.js';
import { E164_PATTERN } from '../../src/schemas/index.js';

describe('usPhone', () => {
  it('gives +1 numbers with an area code in service and a usable exchange', () => {
    for (let i = 0; i < 5_000; i++) {
      const phone = usPhone(new Stream(i));
      expect(phone).toMatch(/^\+1[2-9]\d{2}[2-9]\d{6}$/);
      const exchange = phone.slice(5, 8);
      expect(exchange.endsWith('11')).toBe(false);
      expect(['555', '950', '958', '959', '976']).not.toContain(exchange);
      expect(phone.slice(3, 5)).not.toBe('11');
    }
  });
});

describe('customerPhone', () => {
  it('is always E.164, mostly +1, sometimes another country', () => {
    let foreign = 0;
    for (let i = 0; i < 10_000; i++) {
      const phone = customerPhone(new Stream(i));
      expect(phone).toMatch(E164_PATTERN);
      if (!phone.startsWith('+1')) foreign++;
    }
    expect(foreign).toBeGreaterThan(200);
    expect(foreign).toBeLessThan(800);
  });
});
