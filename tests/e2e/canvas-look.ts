import type { Page } from 'playwright-core';

/** A canvas's pixels at a glance: whether any picture reached it, and whether it is gray (r = g = b everywhere). */
export const canvasLook = (page: Page, testid: string) =>
  page.getByTestId(testid).evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let lit = false;
    let gray = true;
    for (let i = 0; i < data.length; i += 4) {
      lit ||= data[i] + data[i + 1] + data[i + 2] > 0;
      gray &&= data[i] === data[i + 1] && data[i + 1] === data[i + 2];
    }
    return { lit, gray, width: c.width, height: c.height };
  });
