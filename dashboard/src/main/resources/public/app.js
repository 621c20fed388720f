// thesiswatch dashboard page. Every text that came from the internet (headlines, summaries,
// feed names, links) is inserted as text — el() only ever creates text nodes — and links are
// used only when they are http(s). No innerHTML anywhere: the CSP forbids inline script anyway.
'use strict';

const I18N = {
  zh: {
    skip: '跳到内容', view: '视图', from: '从', to: '到', allTime: '全部时间', useUtc: '使用 UTC', zone: '时区',
    browserZone: '浏览器时区', compare: '主题对比（同一时间轴）', tableView: '表格视图', verdictStrips: '各论点的判定历程',
    methodology: '方法说明', howJudged: '判定方法', searchText: '搜索文字', theme: '主题', stance: '立场', sort: '排序',
    periodFrom: '时段从', periodTo: '到', newResults: '条新结果 — 显示', essayDate: '文章日期', alertMark: '警报',
    marks: '时间轴标记', showArticles: '查看文章', date: '日期', total: '全部文章', signals: '信号', rule: '规则',
    minEvidence: '最少证据', verdicts: '判定', stances: '立场', evaluation: '评估窗口', outOfRange: '（不在图表范围内）',
    stanceText: '分类器给每篇文章对每个主题的立场：支持（新闻印证论点）、挑战（新闻与论点相反）或中立（只是提到主题）。',
    decides: '决定判定', contextOnly: '仅作参考', threshold: '阈值',
    subtitle: '论点对照新闻', connecting: '连接中…', offline: '离线', online: '实时', themes: '主题（图表范围内的文章数）', trends: '趋势',
    interval: '粒度', hour: '小时', day: '天', week: '周', measure: '指标', count: '篇数', share: '占比',
    language: '语言', all: '全部', zoomHint: '拖动选择可放大，双击还原', scorecard: '论点记分卡',
    search: '搜索', allThemes: '全部主题', anyStance: '任意立场', supports: '支持', challenges: '挑战',
    neutral: '中立', newest: '最新', relevance: '相关度', searchButton: '搜索', csv: '导出 CSV',
    more: '更多', alerts: '突增警报', historical: '历史回溯', latest: '最新标题', feeds: '信息源状态', feed: '信息源', status: '状态',
    lastSuccess: '上次成功', errors: '连续错误', lastError: '上次错误', predicted: '预测', observed: '观察',
    confidence: '把握', volume: '文章数', supporting: '支持', challenging: '挑战', rising: '上升',
    falling: '下降', steady: '平稳', persisting: '持续', bears_out: '得到印证', contested: '有争议',
    not_borne_out: '未被印证', too_early: '为时尚早', unresolvable: '无法判定', window: '评估窗口', baseline: '基线', atDetection: '（检测时）', stanceBy: '判定依据', now: '现为', floor: '下限',
    rolling: '近期', history: '历史', method: '方法', stance_balance: '立场平衡', attention: '关注度',
    inconclusive: '不确定', too_little_evidence: '证据不足', not_computable: '无法计算', allEvidence: '全部',
    results: '条结果', noResults: '没有结果', articles: '篇', noAlerts: '暂无警报', noFeeds: '暂无信息源状态',
    incomplete: '（有信息源故障，数据可能不全）', thin: '（部分历史来自稀疏的存档，数量偏低未必是新闻变少）', error: '错误', perPeriod: '篇/', matched: '匹配',
    indexed: '已索引', time: '时间', verdictSummary: '各论点的判定', seeClaim: '查看论证',
    sampleData: '示例数据：此处包含随程序附带的虚构示例信息源（thesiswatch demo --offline），并非真实新闻。',
    backfilling: '历史回填', backfilled: '历史回填完成', captures: '个存档快照', records: '条记录',
  },
  en: {
    skip: 'Skip to content', view: 'View', from: 'From', to: 'To', allTime: 'All time', useUtc: 'use UTC', zone: 'Time zone',
    browserZone: 'browser zone', compare: 'Themes compared (one time axis)', tableView: 'Table view', verdictStrips: 'Verdict over time, per claim',
    methodology: 'Methodology', howJudged: 'how this is judged', searchText: 'Search text', theme: 'Theme', stance: 'Stance', sort: 'Sort',
    periodFrom: 'Period from', periodTo: 'to', newResults: 'new — show', essayDate: 'essay', alertMark: 'alert',
    marks: 'Marked on the time axis', showArticles: 'show articles', date: 'date', total: 'all articles', signals: 'Signals', rule: 'Rule',
    minEvidence: 'Minimum evidence', verdicts: 'Verdicts', stances: 'Stances', evaluation: 'Evaluation window', outOfRange: ' (outside the charted range)',
    stanceText: 'The classifier gives each article a stance towards each theme it matches: supports (the news bears the claim out), challenges (it goes against it) or neutral (it only mentions the theme).',
    decides: 'decides the verdict', contextOnly: 'context only', threshold: 'threshold',
    subtitle: 'the essay against the news', connecting: 'connecting…', offline: 'offline', online: 'live', themes: 'Themes (articles in the charted range)',
    trends: 'Trends', interval: 'Interval', hour: 'hour', day: 'day', week: 'week', measure: 'Measure',
    count: 'count', share: 'share', language: 'Language', all: 'all', zoomHint: 'drag to zoom, double-click to reset',
    scorecard: 'Thesis scorecard', search: 'Search', allThemes: 'all themes', anyStance: 'any stance',
    supports: 'supports', challenges: 'challenges', neutral: 'neutral', newest: 'newest', relevance: 'relevance',
    searchButton: 'Search', csv: 'Export CSV', more: 'More', alerts: 'Spike alerts', historical: 'found in history', latest: 'Latest headlines',
    feeds: 'Feed health', feed: 'Feed', status: 'Status', lastSuccess: 'Last success', errors: 'Errors in a row',
    lastError: 'Last error', predicted: 'predicted', observed: 'observed', confidence: 'confidence',
    volume: 'articles', supporting: 'supporting', challenging: 'challenging', rising: 'rising', falling: 'falling',
    steady: 'steady', persisting: 'persisting', bears_out: 'bears out', contested: 'contested',
    not_borne_out: 'not borne out', too_early: 'too early', unresolvable: 'unresolvable', window: 'window', baseline: 'baseline', atDetection: 'at detection', stanceBy: 'decided by', now: 'now', floor: 'floor',
    rolling: 'recent', history: 'history', method: 'method', stance_balance: 'stance balance', attention: 'attention',
    inconclusive: 'inconclusive', too_little_evidence: 'too little evidence', not_computable: 'not computable', allEvidence: 'all',
    verdictSummary: 'Verdict on each claim', seeClaim: 'see why',
    results: 'results', noResults: 'no results', articles: 'articles', noAlerts: 'no alerts yet',
    noFeeds: 'no feed state yet', incomplete: ' (feeds were failing: counts may be incomplete)', thin: ' (some history comes from sparse archive captures: a low count may be the archive, not the news)', error: 'error',
    perPeriod: 'per ', matched: 'matched', indexed: 'indexed', time: 'time',
    sampleData: 'Sample data: this includes the bundled fictional sample feeds (thesiswatch demo --offline), not real news.',
    backfilling: 'Backfilling history', backfilled: 'History backfilled', captures: 'archive captures', records: 'records',
  },
};

/** The essay was written at the turn of 2024/2025: its date is marked on every time axis. */
const ESSAY_DATE = '2025-01-01';

/** One colour per theme, in theme order; readable on light and dark backgrounds. */
const PALETTE = ['#2f6fed', '#e8590c', '#2b8a3e', '#c2255c', '#7048e8', '#0c8599', '#a07a00', '#5c940d'];

/**
 * The view: every setting a link can carry, with its default (left out of the URL). `lang` is the
 * page's language (as before); `newslang` the articles' language filter.
 */
const VIEW = {
  from: ['range-from', ''], to: ['range-to', ''], interval: ['interval', 'week'], measure: ['measure', 'share'],
  newslang: ['trend-lang', ''], q: ['q', ''], theme: ['search-theme', ''], stance: ['search-stance', ''],
  sort: ['search-sort', 'newest'], sfrom: ['search-from', ''], sto: ['search-to', ''],
};

function initialLang() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  return (navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The verdicts, in the order the page lists them. */
const VERDICTS = ['bears_out', 'contested', 'not_borne_out', 'too_early', 'unresolvable'];

const BROWSER_ZONE = (Intl.DateTimeFormat().resolvedOptions().timeZone) || 'UTC';

const state = {
  lang: initialLang(),
  themes: [],
  claims: [],
  charts: new Map(),
  compare: null,
  alerts: [],
  cursor: null,
  refreshTimer: null,
  lastSearch: null,
};

function t(key) {
  return (I18N[state.lang] && I18N[state.lang][key]) || key;
}

/** Creates an element; string children become text nodes, never markup. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === 'string' || typeof child === 'number'
      ? document.createTextNode(String(child)) : child);
  }
  return node;
}

/** A link only for absolute http(s) URLs; anything else is shown as plain text. */
function link(href, text) {
  try {
    const url = new URL(href);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return el('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer' }, text);
    }
  } catch (e) { /* not a URL: fall through */ }
  return el('span', {}, text);
}

/** Highlight segments ({text, hit}) as text nodes and <mark> elements. */
function segments(list, fallback) {
  if (!list || list.length === 0) return [fallback || ''];
  return list.map(s => (s.hit ? el('mark', {}, s.text) : s.text));
}

function themeName(id) {
  const theme = state.themes.find(x => x.id === id);
  return theme ? (theme.name[state.lang] || theme.name.en || id) : id;
}

function themeColor(id) {
  const i = state.themes.findIndex(x => x.id === id);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
}

// ---------------------------------------------------------------- time: one zone, ISO dates

/** The zone the page buckets and shows times in: the browser's, or UTC when switched. */
function zone() {
  return document.getElementById('tz-utc').checked ? 'UTC' : BROWSER_ZONE;
}

const formatters = new Map();

/** Parts of an instant in the page's zone, as ISO-ordered strings (sv-SE formats that way). */
function isoParts(ms) {
  const key = zone();
  if (!formatters.has(key)) {
    formatters.set(key, new Intl.DateTimeFormat('sv-SE', {
      timeZone: key, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }));
  }
  const parts = {};
  for (const p of formatters.get(key).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return parts;
}

/** 2025-02-10 in the page's zone. */
function isoDay(ms) {
  const p = isoParts(ms);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 2025-02-10 09:30 in the page's zone. */
function isoMinute(ms) {
  const p = isoParts(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

function when(iso) {
  return iso ? isoMinute(Date.parse(iso)) : '';
}

/** The instant a day (2025-02-10) starts in the page's zone, as ISO-8601. */
function dayStart(day) {
  const [y, m, d] = day.split('-').map(Number);
  if (zone() === 'UTC') return new Date(Date.UTC(y, m - 1, d)).toISOString();
  if (zone() === BROWSER_ZONE) return new Date(y, m - 1, d).toISOString();
  return new Date(Date.UTC(y, m - 1, d)).toISOString();
}

function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** from/to of the view (to inclusive on the page, exclusive in the API). */
function rangeOf(fromDay, toDay) {
  const range = {};
  if (fromDay) range.from = dayStart(fromDay);
  if (toDay) range.to = dayStart(addDays(toDay, 1));
  return range;
}

function viewRange() {
  return rangeOf(value('range-from'), value('range-to'));
}

const DATE_INPUTS = ['range-from', 'range-to', 'search-from', 'search-to'];

/** A control's value; a date field's only when it holds an ISO date (2025-02-10), else ''. */
function value(id) {
  const v = document.getElementById(id).value.trim();
  if (DATE_INPUTS.includes(id)) return isIsoDay(v) ? v : '';
  return v;
}

function isIsoDay(v) {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v + 'T00:00:00Z'))
    && new Date(v + 'T00:00:00Z').toISOString().slice(0, 10) === v;
}

/** Marks a date field whose text is not an ISO date; true when it is fine (or empty). */
function checkDate(id) {
  const node = document.getElementById(id);
  const ok = node.value.trim() === '' || isIsoDay(node.value.trim());
  if (ok) node.removeAttribute('aria-invalid');
  else node.setAttribute('aria-invalid', 'true');
  return ok;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || body.error || response.status);
  return body;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  return q.toString();
}

// ---------------------------------------------------------------- the view in the URL

/** Sets the controls from the URL. */
function readView() {
  const params = new URLSearchParams(location.search);
  for (const [key, [id, fallback]] of Object.entries(VIEW)) {
    const node = document.getElementById(id);
    const given = params.get(key);
    node.value = given === null ? fallback : given;
    // A value the select does not offer (e.g. a theme not loaded yet) keeps the default.
    if (node.tagName === 'SELECT' && node.value !== (given === null ? fallback : given)) {
      node.dataset.pending = given;
      node.value = fallback;
    }
  }
  document.getElementById('tz-utc').checked = params.get('tz') === 'UTC';
}

/** Writes the controls into the URL; a new history entry when `push` (a drill-down). */
function writeView(push) {
  const params = new URLSearchParams();
  params.set('lang', state.lang);
  for (const [key, [id, fallback]] of Object.entries(VIEW)) {
    const v = value(id);
    if (v !== fallback) params.set(key, v);
  }
  if (document.getElementById('tz-utc').checked) params.set('tz', 'UTC');
  const url = location.pathname + '?' + params.toString() + location.hash;
  if (url === location.pathname + location.search + location.hash) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function applyLabels() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  document.getElementById('lang-toggle').textContent = state.lang === 'zh' ? 'English' : '中文';
  document.getElementById('lang-toggle').setAttribute('lang', state.lang === 'zh' ? 'en' : 'zh');
  document.getElementById('q').placeholder = state.lang === 'zh' ? '例如：裁员 AI' : 'e.g. layoffs AI';
  document.getElementById('q').title = state.lang === 'zh'
    ? '每个词都须出现；"…" 为短语，"…"~N 词间相隔至多 N；OR 任一；NOT 排除；词* 为前缀；word~N 容许 N 处拼写差异（英文）'
    : 'Every word must appear; "…" a phrase, "…"~N its words up to N apart; OR either; NOT excludes; word* a prefix; word~N up to N typos (English)';
  document.getElementById('tz-shown').textContent = `${t('zone')}: ${zone()}`
    + (zone() === 'UTC' ? '' : ` (${t('browserZone')})`);
}

// ---------------------------------------------------------------- themes and counts

async function loadThemes() {
  const body = await api('/api/themes');
  state.themes = body.themes;
  const select = document.getElementById('search-theme');
  for (const theme of state.themes) {
    select.appendChild(el('option', { value: theme.id }, themeName(theme.id)));
  }
  if (select.dataset.pending) {
    select.value = select.dataset.pending;
    delete select.dataset.pending;
  }
}

/**
 * Each theme card carries its claim's verdict, linked to the claim's explanation, and one line
 * above the cards counts the verdicts: the page's question answered before any chart.
 */
function renderCardVerdicts() {
  const summary = document.getElementById('verdict-summary');
  const claims = state.claims;
  if (claims.length === 0) {
    summary.textContent = '';
    return;
  }
  const counts = new Map();
  for (const claim of claims) counts.set(claim.verdict, (counts.get(claim.verdict) || 0) + 1);
  const w = claims[0].window;
  const [open, close] = state.lang === 'zh' ? ['（', '）：'] : [' (', '): '];
  summary.textContent = `${t('verdictSummary')}${open}${w.from} – ${w.to}${close}`
    + VERDICTS.filter(v => counts.has(v)).map(v => `${counts.get(v)} ${t(v)}`).join(' · ');
  for (const claim of claims) {
    const card = document.querySelector(`#theme-counts li[data-theme="${claim.theme}"]`);
    if (!card) continue;
    card.querySelector('.card-verdict')?.remove();
    card.appendChild(el('a', { class: 'card-verdict verdict ' + claim.verdict, href: '#claim-' + claim.theme,
      title: claim.why[state.lang] || claim.why.en,
      'aria-label': `${claim.name[state.lang] || claim.theme}: ${t(claim.verdict)} — ${t('seeClaim')}` }, t(claim.verdict)));
  }
}

function renderCounts(byTheme) {
  const list = document.getElementById('theme-counts');
  clear(list);
  for (const theme of state.themes) {
    const buckets = (byTheme.get(theme.id) || {}).buckets || [];
    const total = buckets.reduce((sum, b) => sum + b.count, 0);
    const button = el('button', { type: 'button', 'aria-label': `${themeName(theme.id)}: ${total} ${t('articles')} — ${t('showArticles')}` },
      el('span', { class: 'n' }, String(total)),
      el('span', { class: 'swatch', style: null, 'data-color': themeColor(theme.id) }), themeName(theme.id));
    button.querySelector('.swatch').style.background = themeColor(theme.id);
    button.addEventListener('click', () => drill(theme.id, value('range-from'), value('range-to')));
    list.appendChild(el('li', { 'data-theme': theme.id }, button));
  }
  renderCardVerdicts();
}

// ---------------------------------------------------------------- charts

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** Integer steps for counts, so a count axis never shows 0.5 articles. */
const COUNT_INCRS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 1e6];

function formatValue(measure, v) {
  if (v === null || v === undefined) return '–';
  return measure === 'share' ? (v * 100).toFixed(1) + '%' : String(v);
}

/** Draws the essay's date and the alerts as vertical lines over a plot. */
function marksPlugin(marks) {
  return {
    hooks: {
      draw: [u => {
        const ctx = u.ctx;
        const [min, max] = [u.scales.x.min, u.scales.x.max];
        ctx.save();
        for (const mark of marks()) {
          if (mark.x < min || mark.x > max) continue;
          const x = Math.round(u.valToPos(mark.x, 'x', true));
          ctx.strokeStyle = mark.color;
          ctx.lineWidth = mark.essay ? 2 : 1.5;
          ctx.setLineDash(mark.essay ? [6, 4] : [2, 3]);
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      }],
    },
  };
}

function marks(theme) {
  const list = [{ x: Date.parse(dayStart(ESSAY_DATE)) / 1000, color: cssVar('--muted'), essay: true, label: `${t('essayDate')} ${ESSAY_DATE}` }];
  for (const a of state.alerts) {
    if (theme && a.theme !== theme) continue;
    list.push({ x: Date.parse(a.periodStart) / 1000, color: themeColor(a.theme), label: `${t('alertMark')} ${themeName(a.theme)} ${when(a.periodStart)}`, theme: a.theme });
  }
  return list;
}

/** uPlot options shared by the comparison and the small multiples. */
function plotOptions(width, height, measure, series, theme, onPick) {
  const fg = cssVar('--fg');
  const grid = cssVar('--line');
  const interval = value('interval');
  let down = null;
  return {
    width, height,
    tzDate: zone() === 'UTC' ? (ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC')) : undefined,
    cursor: { drag: { x: true, y: false }, focus: { prox: 24 } },
    focus: { alpha: 0.35 },
    legend: { live: true },
    scales: {
      x: { time: true },
      // From 0 always: a share or count axis that starts elsewhere exaggerates every change.
      y: { range: (u, min, max) => [0, max > 0 ? max * 1.08 : (measure === 'share' ? 0.1 : 1)] },
    },
    series: [{ label: t('time'), value: (u, v) => (v == null ? '' : interval === 'hour' ? isoMinute(v * 1000) : isoDay(v * 1000)) }, ...series],
    axes: [
      { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid }, space: 90,
        values: (u, splits, ax, space, incr) => splits.map(s => (incr < 86400 ? isoMinute(s * 1000).slice(5) : isoDay(s * 1000))) },
      { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid },
        incrs: measure === 'count' ? COUNT_INCRS : undefined,
        values: (u, splits) => splits.map(v => (measure === 'share' ? (v * 100).toFixed(v < 0.1 && v > 0 ? 1 : 0) + '%' : String(v))) },
    ],
    plugins: [marksPlugin(() => marks(theme))],
    hooks: {
      ready: [u => {
        u.over.addEventListener('mousedown', e => { down = [e.clientX, e.clientY]; });
        u.over.addEventListener('click', e => {
          // A drag zooms; only a click without movement picks the point under the cursor.
          if (down && Math.abs(e.clientX - down[0]) + Math.abs(e.clientY - down[1]) > 4) return;
          const idx = u.cursor.idx;
          if (idx === null || idx === undefined) return;
          onPick(idx, u);
        });
      }],
    },
  };
}

function seriesOf(theme, measure, single) {
  const color = themeColor(theme);
  return {
    label: single ? t(measure) : themeName(theme), stroke: color, width: 2,
    fill: single ? color + '22' : undefined,
    points: { show: false },
    value: (u, v) => formatValue(measure, v),
  };
}

/** A bucket's y: a share is a gap (null) where the bucket holds no article at all, never a 0% dip. */
function yOf(bucket, measure) {
  if (measure === 'share') return bucket.total === 0 ? null : bucket.share;
  return bucket.count;
}

function plotWidth(box) {
  return Math.max(200, Math.floor((box.clientWidth || 420)));
}

/** The search for a bucket: its theme and its days (a week's seven, an hour's day). */
function drillBucket(theme, startSeconds) {
  const day = isoDay(startSeconds * 1000);
  drill(theme, day, value('interval') === 'week' ? addDays(day, 6) : day);
}

async function loadTrends() {
  const interval = value('interval');
  const measure = value('measure');
  const lang = value('trend-lang');
  const range = viewRange();
  const errorNode = document.getElementById('trend-error');
  let results;
  try {
    results = await Promise.all(state.themes.map(theme =>
      api('/api/trends?' + query({ theme: theme.id, interval, lang, tz: zone(), from: range.from, to: range.to }))));
    errorNode.hidden = true;
  } catch (e) {
    errorNode.hidden = false;
    errorNode.textContent = `${t('error')}: ${e.message}`;
    return;
  }
  const byTheme = new Map(state.themes.map((theme, i) => [theme.id, results[i]]));
  renderCounts(byTheme);
  renderCompare(byTheme, measure);
  const container = document.getElementById('charts');
  for (const theme of state.themes) {
    const body = byTheme.get(theme.id);
    const xs = body.buckets.map(b => Date.parse(b.start) / 1000);
    const ys = body.buckets.map(b => yOf(b, measure));
    const incomplete = body.buckets.some(b => b.incomplete);
    const thin = body.buckets.some(b => b.thin);
    let chart = state.charts.get(theme.id);
    const title = themeName(theme.id) + ' · ' + t(measure) + (incomplete ? t('incomplete') : '')
      + (thin ? t('thin') : '');
    let box = document.getElementById('chart-' + theme.id);
    if (!box) {
      box = el('figure', { class: 'chart', id: 'chart-' + theme.id, 'data-theme': theme.id },
        el('h3', {}, ''), el('div', { class: 'plot', role: 'img' }),
        el('details', { class: 'table-view' }, el('summary', {}, t('tableView')),
          el('div', { class: 'table-wrap' }, el('table', {}, el('thead'), el('tbody')))));
      container.appendChild(box);
      box.querySelector('details').addEventListener('toggle', () => renderThemeTable(theme.id));
    }
    if (!chart || chart.measure !== measure || chart.interval !== interval || chart.zone !== zone()) {
      if (chart) chart.plot.destroy();
      const plotNode = box.querySelector('.plot');
      clear(plotNode);
      const plot = new uPlot(plotOptions(plotWidth(plotNode), 200, measure, [seriesOf(theme.id, measure, true)], theme.id,
        idx => drillBucket(theme.id, plot.data[0][idx])), [xs, ys], plotNode);
      chart = { plot, measure, interval, zone: zone(), box: plotNode };
      state.charts.set(theme.id, chart);
    } else {
      chart.plot.setData([xs, ys]);
    }
    chart.buckets = body.buckets;
    box.querySelector('.plot').setAttribute('aria-label', title);
    box.querySelector('h3').textContent = title;
    renderThemeTable(theme.id);
  }
}

function renderThemeTable(themeId) {
  const box = document.getElementById('chart-' + themeId);
  const chart = state.charts.get(themeId);
  const details = box.querySelector('details');
  if (!details.open || !chart) return;
  const table = details.querySelector('table');
  const head = table.querySelector('thead');
  const body = table.querySelector('tbody');
  clear(head);
  clear(body);
  head.appendChild(el('tr', {}, el('th', { scope: 'col' }, t('date')), el('th', { scope: 'col' }, t('count')),
    el('th', { scope: 'col' }, t('total')), el('th', { scope: 'col' }, t('share'))));
  for (const b of chart.buckets) {
    body.appendChild(el('tr', {}, el('th', { scope: 'row' }, bucketButton(themeId, b.start)), el('td', {}, String(b.count)),
      el('td', {}, String(b.total)), el('td', {}, b.total === 0 ? '–' : formatValue('share', b.share))));
  }
}

/** A bucket's date as a button that opens its articles: the keyboard's way to drill down. */
function bucketButton(themeId, start) {
  const ms = Date.parse(start);
  const label = value('interval') === 'hour' ? isoMinute(ms) : isoDay(ms);
  const button = el('button', { type: 'button', title: t('showArticles') }, label);
  button.addEventListener('click', () => drillBucket(themeId, ms / 1000));
  return button;
}

function renderCompare(byTheme, measure) {
  const node = document.querySelector('#compare-chart .plot');
  const first = byTheme.get(state.themes[0].id);
  const xs = first.buckets.map(b => Date.parse(b.start) / 1000);
  const index = new Map(xs.map((x, i) => [x, i]));
  const columns = state.themes.map(theme => {
    const ys = xs.map(() => null);
    for (const b of byTheme.get(theme.id).buckets) {
      const i = index.get(Date.parse(b.start) / 1000);
      if (i !== undefined) ys[i] = yOf(b, measure);
    }
    return ys;
  });
  const key = measure + '|' + value('interval') + '|' + zone() + '|' + state.lang;
  const title = `${t('compare')} · ${t(measure)}`;
  document.getElementById('compare-title').textContent = title;
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', title);
  if (!state.compare || state.compare.key !== key) {
    if (state.compare) state.compare.plot.destroy();
    clear(node);
    const holder = {};
    const plot = new uPlot(plotOptions(plotWidth(node), 320, measure, state.themes.map(theme => seriesOf(theme.id, measure, false)), null,
      (idx, u) => {
        // The theme whose line is nearest the cursor (uPlot's focus), else the first shown.
        const focused = u.series.findIndex((s, i) => i > 0 && s._focus);
        const sidx = holder.focused || (focused > 0 ? focused : 1);
        drillBucket(state.themes[sidx - 1].id, u.data[0][idx]);
      }), [xs, ...columns], node);
    plot.hooks = plot.hooks || {};
    node.addEventListener('mousemove', () => {
      // uPlot marks the focused series by dimming the others; read it back from their alpha.
      const i = plot.series.findIndex((s, j) => j > 0 && s.alpha === 1);
      const dimmed = plot.series.some((s, j) => j > 0 && s.alpha !== 1);
      holder.focused = dimmed && i > 0 ? i : null;
    });
    state.compare = { plot, key };
  } else {
    state.compare.plot.setData([xs, ...columns]);
  }
  state.compare.xs = xs;
  state.compare.columns = columns;
  state.compare.measure = measure;
  renderMarks(xs);
  renderCompareTable();
}

function renderMarks(xs) {
  const node = document.getElementById('compare-marks');
  clear(node);
  const min = xs[0];
  const max = xs[xs.length - 1];
  node.appendChild(document.createTextNode(t('marks') + ': '));
  marks(null).forEach((m, i) => {
    const outside = xs.length === 0 || m.x < min || m.x > max;
    const item = el('span', { class: 'mark', 'data-mark': m.essay ? 'essay' : 'alert' }, (i ? ' · ' : '') + m.label + (outside ? t('outOfRange') : ''));
    if (!m.essay) item.style.color = m.color;
    node.appendChild(item);
  });
}

function renderCompareTable() {
  const details = document.querySelector('#compare .table-view');
  const table = document.getElementById('compare-table');
  const head = table.querySelector('thead');
  const body = table.querySelector('tbody');
  clear(head);
  clear(body);
  head.appendChild(el('tr', {}, el('th', { scope: 'col' }, t('date')), state.themes.map(theme => el('th', { scope: 'col' }, themeName(theme.id)))));
  if (!details.open || !state.compare) return;
  const { xs, columns, measure } = state.compare;
  xs.forEach((x, i) => {
    body.appendChild(el('tr', {}, el('th', { scope: 'row' }, value('interval') === 'hour' ? isoMinute(x * 1000) : isoDay(x * 1000)),
      columns.map(col => el('td', {}, formatValue(measure, col[i])))));
  });
}

/** Every chart follows its box's width: the window resized, the phone turned. */
function resizeCharts() {
  const all = [...state.charts.values()];
  if (state.compare) all.push({ plot: state.compare.plot, box: document.querySelector('#compare-chart .plot') });
  for (const chart of all) {
    const width = plotWidth(chart.box || chart.plot.root.parentNode);
    if (Math.abs(chart.plot.width - width) > 1) chart.plot.setSize({ width, height: chart.plot.height });
  }
}

// ---------------------------------------------------------------- scorecard and methodology

async function loadScorecard() {
  const card = await api('/api/scorecard?' + query({ tz: zone() }));
  const first = card.claims[0];
  document.getElementById('scorecard-window').textContent = first
    ? `${t('window')}: ${first.window.from} – ${first.window.to} · ${t('baseline')}: ${first.baseline.from} – ${first.baseline.to}`
    : '';
  const claims = document.getElementById('claims');
  clear(claims);
  for (const claim of card.claims) {
    // Counter-evidence first: the headlines that challenge the claim, then those that support it.
    const headlines = [...claim.evidence.challenges, ...claim.evidence.supports];
    const evidence = el('ul', { class: 'evidence' }, headlines.map(e =>
      el('li', { 'data-stance': e.stance }, el('span', { class: 'stance', title: e.stanceBy ? `${t('stanceBy')}: ${e.stanceBy}` : null }, t(e.stance)),
        link(e.link, segments(e.highlight, e.title)), el('span', { class: 'meta' }, ' · ' + (e.source || '') + ' · ' + when(e.time)))));
    const tests = el('ul', { class: 'tests' }, claim.tests.map(test =>
      el('li', { 'data-signal': test.signal, 'data-reading': test.reading },
        `${t(test.signal)}: ` + (test.low == null ? t(test.reading)
          : `${fmt(test.estimate)} (95% CI ${fmt(test.low)}–${fmt(test.high)}; ${test.threshold}) → ${t(test.reading)}`)
          + (test.decides ? '' : ' *'))));
    claims.appendChild(el('article', { class: 'claim', id: 'claim-' + claim.theme, 'data-theme': claim.theme, 'data-verdict': claim.verdict },
      el('h3', {}, (claim.name[state.lang] || claim.theme) + ' ', el('span', { class: 'verdict ' + claim.verdict }, t(claim.verdict)),
        el('a', { class: 'method-link', href: '#methodology' }, t('howJudged'))),
      el('blockquote', {}, claim.claim.zh || '', el('div', { class: 'en' }, claim.claim.en || '')),
      el('p', { class: 'why' }, claim.why[state.lang] || claim.why.en),
      el('div', { class: 'stats' },
        el('span', {}, `${t('supporting')}: ${claim.supporting}`),
        el('span', {}, `${t('challenging')}: ${claim.challenging}`),
        el('span', {}, `${t('neutral')}: ${claim.neutral}`),
        el('span', {}, `${t('rolling')}: ${t(claim.rolling.verdict)}`)),
      tests, historyStrip(claim), evidence));
  }
  state.claims = card.claims;
  renderCardVerdicts();
  renderStrips(card.claims);
  renderMethod(card.claims);
}

function historyStrip(claim) {
  return el('ol', { class: 'history', 'aria-label': `${t('history')}: ${claim.name[state.lang] || claim.theme}` }, (claim.history || []).map(p =>
    el('li', { class: 'verdict-cell ' + p.verdict, title: `${p.period}: ${t(p.verdict)}` }, p.period.slice(2))));
}

/** One strip of verdicts per claim under the comparison, from the scorecard's history. */
function renderStrips(claims) {
  const list = document.getElementById('verdict-strips');
  clear(list);
  for (const claim of claims) {
    if (!claim.history || claim.history.length === 0) continue;
    list.appendChild(el('li', { 'data-theme': claim.theme },
      el('span', { class: 'name' }, claim.name[state.lang] || claim.theme), historyStrip(claim),
      el('a', { href: '#methodology', class: 'method-link' }, t('howJudged'))));
  }
}

/** The methodology panel: windows, signals, verdicts and stances, from the scorecard's `method`. */
function renderMethod(claims) {
  const body = document.getElementById('method-body');
  clear(body);
  const first = claims.find(c => c.method);
  if (!first) return;
  const m = first.method;
  const rule = m.rule ? (m.rule[state.lang] || m.rule.en) : '';
  const range = w => (w ? `${w.from} – ${w.to}` : '');
  body.appendChild(el('dl', {},
    el('dt', {}, t('evaluation')), el('dd', {}, range(m.window)),
    el('dt', {}, t('baseline')), el('dd', {}, range(m.baseline)),
    el('dt', {}, t('rolling')), el('dd', {}, String(m.rolling || '')),
    el('dt', {}, t('minEvidence')), el('dd', {}, String(m.minEvidence ?? '')),
    el('dt', {}, t('signals')), el('dd', {}, el('ul', {}, claims.map(c => el('li', { 'data-theme': c.theme },
      `${c.name[state.lang] || c.theme}: ` + ((c.method && c.method.signals) || []).map(s =>
        `${t(s.signal)} (${t('threshold')} ${s.threshold}; ${t(s.decides ? 'decides' : 'contextOnly')})`).join(', '))))),
    el('dt', {}, t('verdicts')), el('dd', {}, el('p', {}, rule),
      el('ul', {}, VERDICTS.map(v =>
        el('li', {}, el('span', { class: 'verdict ' + v }, t(v)))))),
    el('dt', {}, t('stances')), el('dd', {}, t('stanceText'))));
}

/** A share as a percentage, a ratio with two decimals. */
function fmt(value) {
  return value <= 1 ? `${Math.round(value * 100)}%` : value.toFixed(2);
}

// ---------------------------------------------------------------- search and drill-down

function searchQuery() {
  const params = new URLSearchParams();
  for (const [id, name] of [['q', 'q'], ['search-theme', 'theme'], ['search-stance', 'stance'], ['trend-lang', 'lang'], ['search-sort', 'sort']]) {
    const v = value(id);
    if (v) params.set(name, v);
  }
  const range = value('search-from') || value('search-to')
    ? rangeOf(value('search-from'), value('search-to')) : viewRange();
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  return params;
}

/** Fills the search with a theme and a period (days, inclusive) and runs it. */
function drill(theme, fromDay, toDay) {
  document.getElementById('q').value = '';
  document.getElementById('search-theme').value = theme;
  document.getElementById('search-from').value = fromDay || '';
  document.getElementById('search-to').value = toDay || '';
  writeView(true);
  search(false);
  document.getElementById('search').scrollIntoView({ block: 'start' });
}

async function search(append) {
  const params = searchQuery();
  document.getElementById('csv-link').href = '/api/articles.csv?' + params.toString();
  const base = params.toString();
  params.set('limit', '20');
  if (append && state.cursor) params.set('cursor', state.cursor);
  const status = document.getElementById('search-status');
  const results = document.getElementById('results');
  if (!append) clear(results);
  document.getElementById('new-results').hidden = true;
  try {
    const body = await api('/api/articles?' + params.toString());
    state.cursor = body.nextCursor;
    if (!append) state.lastSearch = { query: base, total: body.total };
    const total = body.totalRelation === 'gte' ? `${body.total}+` : `${body.total}`;
    status.textContent = body.total === 0 ? t('noResults') : `${total} ${t('results')}`;
    for (const a of body.articles) results.appendChild(resultItem(a));
    document.getElementById('more').hidden = !body.nextCursor;
  } catch (e) {
    status.textContent = `${t('error')}: ${e.message}`;
    document.getElementById('more').hidden = true;
  }
}

/** New articles matching the open search are offered, not pushed into the list under the reader. */
async function checkNewResults() {
  const last = state.lastSearch;
  if (!last) return;
  const body = await api('/api/articles?' + last.query + '&limit=1');
  if (state.lastSearch !== last) return;
  const fresh = body.total - last.total;
  const button = document.getElementById('new-results');
  button.hidden = fresh <= 0;
  button.textContent = fresh > 0 ? `${fresh} ${t('newResults')}` : '';
}

function resultItem(a) {
  const why = a.themes.map(m => el('span', { class: 'tag ' + m.stance, title: `${t('matched')}: ${m.matched.join(', ')}` },
    `${themeName(m.id)} · ${t(m.stance)}` + (m.matched.length ? ` · ${m.matched.join(', ')}` : '')));
  return el('li', { 'data-id': a.id },
    el('div', { class: 'title' }, link(a.link, segments(a.titleHighlight, a.title))),
    el('div', { class: 'summary' }, segments(a.summaryHighlight, a.summary)),
    el('div', { class: 'meta' }, `${a.source} · ${when(a.time)} · ${a.lang} `, why));
}

// ---------------------------------------------------------------- alerts, latest, feeds

function alertItem(a) {
  const day = isoDay(Date.parse(a.periodStart));
  const button = el('button', { type: 'button', class: 'drill', title: t('showArticles') }, themeName(a.theme));
  button.addEventListener('click', () => drill(a.theme, day, day));
  return el('li', { 'data-id': a.id, 'data-theme': a.theme },
    button, ` ${a.count} ${t('articles')} ${t('atDetection')} · ${t(a.granularity)} ${when(a.periodStart)}`,
    a.countNow != null && a.countNow !== a.count ? el('span', { class: 'meta' }, ` · ${t('now')} ${a.countNow}`) : null,
    a.historical ? el('span', { class: 'meta' }, ` · ${t('historical')}`) : null,
    // The ratio as it was computed: count ÷ the baseline, floored so that a quiet baseline cannot inflate it.
    el('div', { class: 'meta' }, `×${a.ratio} = ${a.count} ÷ ${a.ratioBaseline ?? a.baseline} (${t('baseline')} ${a.baseline}${t('perPeriod')}${t(a.granularity)}`
      + (a.baselineFloor != null && a.baseline < a.baselineFloor ? `, ${t('floor')} ${a.baselineFloor}` : '') + `), p=${Number(a.pValue).toExponential(1)}`));
}

function inRange(iso) {
  const range = viewRange();
  const ms = Date.parse(iso);
  return (!range.from || ms >= Date.parse(range.from)) && (!range.to || ms < Date.parse(range.to));
}

async function loadAlerts() {
  const body = await api('/api/alerts?limit=50');
  state.alerts = body.alerts;
  const list = document.getElementById('alert-list');
  clear(list);
  const shown = body.alerts.filter(a => inRange(a.periodStart));
  if (shown.length === 0) list.appendChild(el('li', { class: 'meta' }, t('noAlerts')));
  for (const a of shown) list.appendChild(alertItem(a));
}

async function loadLatest() {
  const range = viewRange();
  const body = await api('/api/articles?' + query({ limit: 15, lang: value('trend-lang'), from: range.from, to: range.to }));
  const list = document.getElementById('latest-list');
  clear(list);
  for (const a of body.articles) {
    list.appendChild(el('li', { 'data-id': a.id }, link(a.link, a.title),
      el('div', { class: 'meta' }, `${a.source} · ${when(a.time)} · ${a.themes.map(m => themeName(m.id)).join(', ')}`)));
  }
}

async function loadFeeds() {
  const body = await api('/api/feeds');
  const tbody = document.querySelector('#feed-table tbody');
  clear(tbody);
  if (body.feeds.length === 0) tbody.appendChild(el('tr', {}, el('td', { colspan: '5', class: 'meta' }, t('noFeeds'))));
  for (const f of body.feeds) {
    tbody.appendChild(el('tr', {},
      el('td', {}, link(f.url, f.title || f.url)),
      el('td', { class: f.status }, f.status),
      el('td', {}, when(f.lastSuccess)),
      el('td', {}, String(f.consecutiveErrors)),
      el('td', {}, f.lastErrorKind ? `${f.lastErrorKind}: ${f.lastErrorMessage || ''}` : '')));
  }
}

async function loadBackfill() {
  const body = await api('/api/backfill');
  document.getElementById('sample-notice').hidden = !body.sampleData;
  const progress = document.getElementById('backfill-progress');
  const parts = Object.entries(body.sources).map(([source, s]) =>
    `${source}: ${s.done}/${s.total} ${t(source === 'archive' ? 'captures' : 'records')}, ${s.articles} ${t('articles')}`);
  progress.hidden = parts.length === 0;
  progress.textContent = `${t(body.running ? 'backfilling' : 'backfilled')} — ${parts.join(' · ')}`;
}

// ---------------------------------------------------------------- live updates

function scheduleRefresh() {
  // Bursts of articles (a replay) refresh the page at most every two seconds.
  if (state.refreshTimer) return;
  state.refreshTimer = setTimeout(async () => {
    state.refreshTimer = null;
    await refreshAll();
    try { await checkNewResults(); } catch (e) { console.warn('new results check failed', e); }
  }, 2000);
}

function connectStream() {
  const live = document.getElementById('live');
  const source = new EventSource('/api/stream');
  source.addEventListener('open', () => { live.className = 'live on'; live.dataset.i18n = 'online'; live.textContent = t('online'); });
  source.addEventListener('error', () => { live.className = 'live off'; live.dataset.i18n = 'offline'; live.textContent = t('offline'); });
  source.addEventListener('articles', event => {
    const update = JSON.parse(event.data);
    document.getElementById('indexed').textContent = `${t('indexed')}: ${update.indexed}`;
    scheduleRefresh();
  });
  source.addEventListener('alert', event => {
    const alert = JSON.parse(event.data);
    state.alerts.unshift(alert);
    const list = document.getElementById('alert-list');
    const empty = list.querySelector('li.meta');
    if (empty) list.removeChild(empty);
    list.insertBefore(alertItem(alert), list.firstChild);
  });
}

async function refreshAll() {
  // Alerts first: the charts mark them.
  const tasks = [loadAlerts, loadTrends, loadScorecard, loadLatest, loadFeeds, loadBackfill];
  for (const task of tasks) {
    try { await task(); } catch (e) { console.warn('refresh failed', e); }
  }
}

/** Rebuilds every chart (language, zone or colours changed). */
function resetCharts() {
  for (const chart of state.charts.values()) chart.plot.destroy();
  state.charts.clear();
  clear(document.getElementById('charts'));
  if (state.compare) state.compare.plot.destroy();
  state.compare = null;
}

async function start() {
  readView();
  applyLabels();
  document.getElementById('lang-toggle').addEventListener('click', async () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    applyLabels();
    writeView(false);
    resetCharts();
    const select = document.getElementById('search-theme');
    for (const option of select.options) if (option.value) option.textContent = themeName(option.value);
    await refreshAll();
    await search(false);
  });
  // The view's controls drive every panel and the URL.
  for (const id of ['interval', 'measure', 'trend-lang', 'range-from', 'range-to', 'tz-utc']) {
    document.getElementById(id).addEventListener('change', async () => {
      if (DATE_INPUTS.includes(id) && !checkDate(id)) return;
      if (id === 'tz-utc') { formatters.clear(); applyLabels(); resetCharts(); }
      writeView(false);
      await refreshAll();
      await search(false);
    });
  }
  document.getElementById('range-clear').addEventListener('click', async () => {
    document.getElementById('range-from').value = '';
    document.getElementById('range-to').value = '';
    writeView(false);
    await refreshAll();
    await search(false);
  });
  for (const id of ['search-theme', 'search-stance', 'search-sort', 'search-from', 'search-to']) {
    document.getElementById(id).addEventListener('change', () => {
      if (DATE_INPUTS.includes(id) && !checkDate(id)) return;
      writeView(false);
      search(false);
    });
  }
  document.getElementById('search-form').addEventListener('submit', event => {
    event.preventDefault();
    writeView(false);
    search(false);
  });
  document.querySelector('#compare .table-view').addEventListener('toggle', renderCompareTable);
  document.getElementById('more').addEventListener('click', () => search(true));
  document.getElementById('new-results').addEventListener('click', () => search(false));
  window.addEventListener('popstate', async () => {
    readView();
    const select = document.getElementById('search-theme');
    if (select.dataset.pending) { select.value = select.dataset.pending; delete select.dataset.pending; }
    formatters.clear();
    applyLabels();
    resetCharts();
    await refreshAll();
    await search(false);
  });
  let resizing = null;
  const onResize = () => {
    if (resizing) cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(() => { resizing = null; resizeCharts(); });
  };
  window.addEventListener('resize', onResize);
  if (window.ResizeObserver) new ResizeObserver(onResize).observe(document.getElementById('main'));
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => { resetCharts(); loadTrends().catch(e => console.warn(e)); });
  await loadThemes();
  await refreshAll();
  await search(false);
  connectStream();
  // Backfill progress moves without new articles being indexed (captures already seen).
  setInterval(() => loadBackfill().catch(e => console.warn(e)), 15000);
  document.body.dataset.ready = 'true';
}

window.addEventListener('DOMContentLoaded', () => {
  start().catch(e => {
    document.getElementById('search-status').textContent = `${t('error')}: ${e.message}`;
  });
});
