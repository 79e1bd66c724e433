// Inline SVG icons (stroke icons follow currentColor), so controls look the same everywhere.
const NS = 'http://www.w3.org/2000/svg';

// Each icon: a list of [element, attributes]; `fill: true` icons are solid shapes.
const ICONS = {
  eye: [['path', { d: 'M2 12s3.6-6.5 10-6.5S22 12 22 12s-3.6 6.5-10 6.5S2 12 2 12z' }], ['circle', { cx: 12, cy: 12, r: 3 }]],
  heart: { fill: true, parts: [['path', { d: 'M12 20.5s-7.6-4.7-9.3-9.6C1.6 7.6 3.8 4.5 7 4.5c2.1 0 3.9 1.3 5 3 1.1-1.7 2.9-3 5-3 3.2 0 5.4 3.1 4.3 6.4-1.7 4.9-9.3 9.6-9.3 9.6z' }]] },
  pin: [['path', { d: 'M9 4h6M10 4v5.5L7 13h10l-3-3.5V4M12 13v7' }]],
  trash: [['path', { d: 'M4 7h16M10 7V4.5h4V7M6.5 7l1 12.5h9l1-12.5M10 11v5M14 11v5' }]],
  ban: [['circle', { cx: 12, cy: 12, r: 8.5 }], ['path', { d: 'M6 6l12 12' }]],
  reply: [['path', { d: 'M9.5 6.5L4 12l5.5 5.5M4.5 12H14c3.6 0 6 2.4 6 6' }]],
  globe: [['circle', { cx: 12, cy: 12, r: 8.5 }], ['path', { d: 'M3.5 12h17M12 3.5c2.6 2.4 3.8 5.2 3.8 8.5s-1.2 6.1-3.8 8.5c-2.6-2.4-3.8-5.2-3.8-8.5s1.2-6.1 3.8-8.5z' }]],
  chat: [['path', { d: 'M4.5 5.5h15v10h-9l-4.5 4v-4h-1.5z' }]],
  sliders: [['path', { d: 'M4 7h9M17 7h3M4 17h3M11 17h9' }], ['circle', { cx: 15, cy: 7, r: 2 }], ['circle', { cx: 9, cy: 17, r: 2 }]],
  close: [['path', { d: 'M6.5 6.5l11 11M17.5 6.5l-11 11' }]],
  back: [['path', { d: 'M14.5 5.5L8 12l6.5 6.5' }]],
  clock: [['circle', { cx: 12, cy: 12, r: 8.5 }], ['path', { d: 'M12 7.5V12l3 2' }]],
  refresh: [['path', { d: 'M19.5 12a7.5 7.5 0 1 1-2.2-5.3M19.5 4.5v4h-4' }]],
  bell: [['path', { d: 'M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 2h-15zM10 20.5a2.2 2.2 0 0 0 4 0' }]],
  star: [['path', { d: 'M12 3.8l2.5 5.2 5.7.8-4.1 4 1 5.7L12 16.8l-5.1 2.7 1-5.7-4.1-4 5.7-.8z' }]],
  starFill: { fill: true, parts: [['path', { d: 'M12 3.8l2.5 5.2 5.7.8-4.1 4 1 5.7L12 16.8l-5.1 2.7 1-5.7-4.1-4 5.7-.8z' }]] },
  heartLine: [['path', { d: 'M12 20s-7.3-4.5-8.9-9.2C2 7.7 4.1 4.8 7.1 4.8c2 0 3.8 1.2 4.9 2.9 1.1-1.7 2.9-2.9 4.9-2.9 3 0 5.1 2.9 4 6C19.3 15.5 12 20 12 20z' }]],
  at: [['circle', { cx: 12, cy: 12, r: 3.6 }], ['path', { d: 'M15.6 12v1.6a2.6 2.6 0 0 0 5.2 0V12a8.8 8.8 0 1 0-3.5 7' }]],
  note: [['path', { d: 'M6 3.5h9l4 4v13H6zM14.5 3.5V8h4.5M9 12h7M9 15.5h7' }]],
  plus: [['path', { d: 'M12 5v14M5 12h14' }]],
  mail: [['rect', { x: 3.5, y: 5.5, width: 17, height: 13, rx: 2 }], ['path', { d: 'M4 7l8 6 8-6' }]],
  flag: [['path', { d: 'M5.5 20.5V4M5.5 4.5h11l-2 4 2 4h-11' }]],
  shield: [['path', { d: 'M12 3.5l7 2.5v5.5c0 4.4-3 7.6-7 9-4-1.4-7-4.6-7-9V6z' }], ['path', { d: 'M9 12l2.2 2.2L15.5 10' }]],
  send: [['path', { d: 'M4 12l16-7.5-5.5 16-2.8-6.5z' }]],
  bag: [['path', { d: 'M5 8h14l-1 12.5H6zM9 8V6.5a3 3 0 0 1 6 0V8' }]],
  hash: [['path', { d: 'M9.5 4L8 20M16 4l-1.5 16M4.5 9h16M3.5 15h16' }]],
  trend: [['path', { d: 'M3.5 17l6-6 4 4 7-7.5M15 7.5h5.5V13' }]],
  play: { fill: true, parts: [['path', { d: 'M8 5.5v13l10.5-6.5z' }]] },
};

/** An <svg> icon; `size` in px. */
export function icon(name, { size = 18, title } = {}) {
  const spec = ICONS[name];
  const parts = Array.isArray(spec) ? spec : spec.parts;
  const solid = !Array.isArray(spec) && spec.fill;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('class', `icon icon-${name}`);
  svg.setAttribute('aria-hidden', title ? 'false' : 'true');
  if (solid) {
    svg.setAttribute('fill', 'currentColor');
  } else {
    svg.setAttribute('fill', 'none');
    svg.setAttribute('stroke', 'currentColor');
    svg.setAttribute('stroke-width', '2');
    svg.setAttribute('stroke-linecap', 'round');
    svg.setAttribute('stroke-linejoin', 'round');
  }
  if (title) {
    const t = document.createElementNS(NS, 'title');
    t.textContent = title;
    svg.append(t);
  }
  for (const [tag, attrs] of parts) {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    svg.append(el);
  }
  return svg;
}
