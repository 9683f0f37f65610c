import { describe, expect, it } from 'vitest';
import { isProjectorRoute } from '../../src/lib/ui/shared/projector-route';

describe('isProjectorRoute', () => {
  it.each([
    '/c/[roomId]/qr',
    '/c/[roomId]/t/[tableId]/projector',
    '/c/[roomId]/ernte/projector',
    '/c/[roomId]/programme/projector'
  ])('%s is shown on a projector (no header, no navigation)', (id) => {
    expect(isProjectorRoute(id)).toBe(true);
  });

  it.each(['/', '/c/[roomId]', '/c/[roomId]/programme', '/c/[roomId]/t/[tableId]', '/join/[roomId]', null])(
    '%s is not',
    (id) => {
      expect(isProjectorRoute(id)).toBe(false);
    }
  );
});
