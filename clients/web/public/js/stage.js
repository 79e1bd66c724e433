// The stage: a poster (or the host's video URL), flying danmaku lines and floating hearts.
import { h, posterStyle } from './ui.js';
import { icon } from './icons.js';

const VIDEO_KEY = (roomId) => `realtime.video.${roomId}`;
const HEART_COLORS = ['#ff3d71', '#ff7aa8', '#ffb443', '#b18cff', '#4fd1ff', '#ff5c5c'];
const MAX_DANMAKU = 40;
const MAX_HEARTS = 40;

export function createStage(roomId) {
  const poster = h('div', { class: 'stage-poster', style: posterStyle(roomId) },
    h('div', { class: 'stage-poster-inner' },
      h('div', { class: 'stage-poster-title', testid: 'stage-title' }),
      h('div', { class: 'stage-poster-host muted' })));
  const video = h('video', {
    class: 'stage-video', testid: 'stage-video', playsinline: true, muted: true, autoplay: true,
    loop: true, controls: true, hidden: true,
  });
  const danmakuLayer = h('div', { class: 'danmaku-layer', testid: 'danmaku-layer', 'aria-hidden': 'true' });
  const heartsLayer = h('div', { class: 'hearts-layer', 'aria-hidden': 'true' });
  const el = h('div', { class: 'stage', testid: 'stage' }, poster, video, danmakuLayer, heartsLayer);

  let danmakuOn = localStorage.getItem('realtime.danmaku') !== 'off';
  let laneFreeAt = [];

  function setPoster(title, hostId) {
    poster.querySelector('.stage-poster-title').textContent = title || roomId;
    poster.querySelector('.stage-poster-host').textContent = hostId ? `@${hostId}` : '';
  }

  function setVideo(url) {
    if (url) {
      localStorage.setItem(VIDEO_KEY(roomId), url);
      video.src = url;
      video.hidden = false;
      poster.classList.add('behind-video');
      video.play?.().catch(() => { /* autoplay may need a tap */ });
    } else {
      localStorage.removeItem(VIDEO_KEY(roomId));
      video.removeAttribute('src');
      video.load?.();
      video.hidden = true;
      poster.classList.remove('behind-video');
    }
  }

  function savedVideo() {
    return localStorage.getItem(VIDEO_KEY(roomId)) || '';
  }

  function setDanmaku(on) {
    danmakuOn = on;
    localStorage.setItem('realtime.danmaku', on ? 'on' : 'off');
    if (!on) danmakuLayer.replaceChildren();
  }

  /** Flies one chat line across the stage. */
  function danmaku(text, { mine = false } = {}) {
    if (!danmakuOn || document.hidden) return;
    if (danmakuLayer.childElementCount >= MAX_DANMAKU) return;
    const width = el.clientWidth || 600;
    const height = el.clientHeight || 340;
    const laneHeight = 34;
    const lanes = Math.max(3, Math.floor((height * 0.7) / laneHeight));
    if (laneFreeAt.length !== lanes) laneFreeAt = new Array(lanes).fill(0);
    const now = performance.now();
    let lane = 0;
    for (let i = 1; i < lanes; i++) if (laneFreeAt[i] < laneFreeAt[lane]) lane = i;
    const chars = Array.from(text);
    const shown = chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : text;
    const item = h('span', { class: `danmaku${mine ? ' mine' : ''}`, style: { top: `${8 + lane * laneHeight}px` } }, shown);
    danmakuLayer.append(item);
    const itemWidth = item.offsetWidth || 200;
    const duration = 6500 + Math.random() * 2500;
    // The lane is free again once this line's tail has cleared the right edge.
    laneFreeAt[lane] = Math.max(now, laneFreeAt[lane]) + (duration * (itemWidth + 24)) / (width + itemWidth);
    const anim = item.animate(
      [{ transform: `translateX(${width}px)` }, { transform: `translateX(${-itemWidth - 20}px)` }],
      { duration, easing: 'linear', fill: 'forwards' });
    anim.onfinish = () => item.remove();
  }

  /** Floats `n` hearts up from the bottom-right corner. */
  function hearts(n = 1) {
    if (document.hidden) return;
    const count = Math.min(n, 8);
    for (let i = 0; i < count; i++) {
      if (heartsLayer.childElementCount >= MAX_HEARTS) return;
      const heart = h('span', { class: 'heart', style: { color: HEART_COLORS[Math.floor(Math.random() * HEART_COLORS.length)] } }, icon('heart', { size: 28 }));
      heartsLayer.append(heart);
      const sway = (Math.random() - 0.5) * 90;
      const rise = 180 + Math.random() * 120;
      const scale = 0.8 + Math.random() * 0.8;
      const anim = heart.animate([
        { transform: 'translate(0, 0) scale(0.4)', opacity: 0 },
        { transform: `translate(${sway * 0.3}px, -${rise * 0.25}px) scale(${scale})`, opacity: 1, offset: 0.15 },
        { transform: `translate(${sway}px, -${rise}px) scale(${scale * 0.9})`, opacity: 0 },
      ], { duration: 1400 + Math.random() * 700, delay: i * 90, easing: 'ease-out', fill: 'forwards' });
      anim.onfinish = () => heart.remove();
    }
  }

  return {
    el, setPoster, setVideo, savedVideo, danmaku, hearts, setDanmaku,
    get danmakuOn() { return danmakuOn; },
  };
}
