/**
 * Code the browser test runs inside the page, as source text: the project's TypeScript has no DOM
 * types (nothing in src/ runs in a browser), so these are plain JavaScript expressions for
 * `page.evaluate`. Each evaluates to plain data.
 */

/**
 * Every visible text whose colour against its background is under WCAG AA: 4.5:1, or 3:1 for large
 * text (24px, or 18.66px bold). The background is the first opaque one among the element and its
 * ancestors, with translucent ones laid over it. Returns "text: ratio (colour on background)" lines.
 */
export const CONTRAST_FAILURES = `(() => {
  const parse = (value) => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const parts = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const background = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    let result = [255, 255, 255, 1];
    if (layers.length > 0 && layers[layers.length - 1][3] >= 1) result = layers.pop();
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const element = text.parentElement;
    if (!element || seen.has(element) || text.textContent.trim() === '') continue;
    seen.add(element);
    if (!element.checkVisibility()) continue;
    const style = getComputedStyle(element);
    const bg = background(element);
    const fg = over(parse(style.color), bg);
    const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) {
      failures.push(text.textContent.trim().slice(0, 40) + ': ' + ratio.toFixed(2) + ' (' + style.color + ' on ' + bg.join(',') + ')');
    }
  }
  return failures;
})()`;

/** Headings in document order as "h2 On call now", to check that no level is skipped. */
export const HEADINGS = `[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => h.tagName.toLowerCase() + ' ' + h.textContent.trim())`;

/**
 * Distinct colours of the image at DATA_URL (sampled on a grid) and its size, read through a
 * canvas: a blank or one-colour screenshot has a handful, a rendered page hundreds.
 */
export function imageColours(dataUrl: string): string {
  return `(async () => {
    const image = new Image();
    image.src = ${JSON.stringify(dataUrl)};
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return { width: canvas.width, height: canvas.height, colours: colours.size };
  })()`;
}
