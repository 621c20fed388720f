// thesiswatch dashboard page. Every text that came from the internet (headlines, summaries,
// feed names, links) is inserted as text — el() only ever creates text nodes — and links are
// used only when they are http(s). No innerHTML anywhere: the CSP forbids inline script anyway.
'use strict';

const I18N = {
  zh: {
    subtitle: '论点对照新闻', offline: '离线', online: '实时', themes: '主题（图表范围内的文章数）', trends: '趋势',
    interval: '粒度', hour: '小时', day: '天', week: '周', measure: '指标', count: '篇数', share: '占比',
    language: '语言', all: '全部', zoomHint: '拖动选择可放大，双击还原', scorecard: '论点记分卡',
    search: '搜索', allThemes: '全部主题', anyStance: '任意立场', supports: '支持', challenges: '挑战',
    neutral: '中立', newest: '最新', relevance: '相关度', searchButton: '搜索', csv: '导出 CSV',
    more: '更多', alerts: '突增警报', historical: '历史回溯', latest: '最新标题', feeds: '信息源状态', feed: '信息源', status: '状态',
    lastSuccess: '上次成功', errors: '连续错误', lastError: '上次错误', predicted: '预测', observed: '观察',
    confidence: '把握', volume: '文章数', supporting: '支持', challenging: '挑战', rising: '上升',
    falling: '下降', steady: '平稳', persisting: '持续', bears_out: '得到印证', contested: '有争议',
    not_borne_out: '未被印证', too_early: '为时尚早', unresolvable: '无法判定', window: '评估窗口', baseline: '基线',
    rolling: '近期', history: '历史', method: '方法', stance_balance: '立场平衡', attention: '关注度',
    inconclusive: '不确定', too_little_evidence: '证据不足', not_computable: '无法计算', allEvidence: '全部',
    results: '条结果', noResults: '没有结果', articles: '篇', noAlerts: '暂无警报', noFeeds: '暂无信息源状态',
    incomplete: '（有信息源故障，数据可能不全）', thin: '（部分历史来自稀疏的存档，数量偏低未必是新闻变少）', error: '错误', perPeriod: '篇/', matched: '匹配',
    indexed: '已索引', time: '时间',
    sampleData: '示例数据：此处包含随程序附带的虚构示例信息源（thesiswatch demo --offline），并非真实新闻。',
    backfilling: '历史回填', backfilled: '历史回填完成', captures: '个存档快照', records: '条记录',
  },
  en: {
    subtitle: 'the essay against the news', offline: 'offline', online: 'live', themes: 'Themes (articles in the charted range)',
    trends: 'Trends', interval: 'Interval', hour: 'hour', day: 'day', week: 'week', measure: 'Measure',
    count: 'count', share: 'share', language: 'Language', all: 'all', zoomHint: 'drag to zoom, double-click to reset',
    scorecard: 'Thesis scorecard', search: 'Search', allThemes: 'all themes', anyStance: 'any stance',
    supports: 'supports', challenges: 'challenges', neutral: 'neutral', newest: 'newest', relevance: 'relevance',
    searchButton: 'Search', csv: 'Export CSV', more: 'More', alerts: 'Spike alerts', historical: 'found in history', latest: 'Latest headlines',
    feeds: 'Feed health', feed: 'Feed', status: 'Status', lastSuccess: 'Last success', errors: 'Errors in a row',
    lastError: 'Last error', predicted: 'predicted', observed: 'observed', confidence: 'confidence',
    volume: 'articles', supporting: 'supporting', challenging: 'challenging', rising: 'rising', falling: 'falling',
    steady: 'steady', persisting: 'persisting', bears_out: 'bears out', contested: 'contested',
    not_borne_out: 'not borne out', too_early: 'too early', unresolvable: 'unresolvable', window: 'window', baseline: 'baseline',
    rolling: 'recent', history: 'history', method: 'method', stance_balance: 'stance balance', attention: 'attention',
    inconclusive: 'inconclusive', too_little_evidence: 'too little evidence', not_computable: 'not computable', allEvidence: 'all',
    results: 'results', noResults: 'no results', articles: 'articles', noAlerts: 'no alerts yet',
    noFeeds: 'no feed state yet', incomplete: ' (feeds were failing: counts may be incomplete)', thin: ' (some history comes from sparse archive captures: a low count may be the archive, not the news)', error: 'error',
    perPeriod: 'per ', matched: 'matched', indexed: 'indexed', time: 'time',
    sampleData: 'Sample data: this includes the bundled fictional sample feeds (thesiswatch demo --offline), not real news.',
    backfilling: 'Backfilling history', backfilled: 'History backfilled', captures: 'archive captures', records: 'records',
  },
};

function initialLang() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  return (navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const state = {
  lang: initialLang(),
  themes: [],
  charts: new Map(),
  cursor: null,
  refreshTimer: null,
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

function when(iso) {
  return iso ? new Date(iso).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB') : '';
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

function applyLabels() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  document.getElementById('lang-toggle').textContent = state.lang === 'zh' ? 'English' : '中文';
  document.getElementById('q').placeholder = state.lang === 'zh' ? '例如：裁员 AI' : 'e.g. layoffs AI';
}

// ---------------------------------------------------------------- themes and counts

async function loadThemes() {
  const body = await api('/api/themes');
  state.themes = body.themes;
  const select = document.getElementById('search-theme');
  for (const theme of state.themes) {
    select.appendChild(el('option', { value: theme.id }, themeName(theme.id)));
  }
}

function renderCounts(trendsByTheme) {
  const list = document.getElementById('theme-counts');
  clear(list);
  for (const theme of state.themes) {
    const buckets = (trendsByTheme.get(theme.id) || {}).buckets || [];
    const total = buckets.reduce((sum, b) => sum + b.count, 0);
    list.appendChild(el('li', { 'data-theme': theme.id }, el('span', { class: 'n' }, String(total)), themeName(theme.id)));
  }
}

// ---------------------------------------------------------------- charts

async function loadTrends() {
  const interval = document.getElementById('interval').value;
  const measure = document.getElementById('measure').value;
  const lang = document.getElementById('trend-lang').value;
  const results = await Promise.all(state.themes.map(theme =>
    api(`/api/trends?theme=${encodeURIComponent(theme.id)}&interval=${interval}` + (lang ? `&lang=${lang}` : ''))));
  const byTheme = new Map(state.themes.map((theme, i) => [theme.id, results[i]]));
  renderCounts(byTheme);
  const container = document.getElementById('charts');
  for (const theme of state.themes) {
    const body = byTheme.get(theme.id);
    const xs = body.buckets.map(b => Date.parse(b.start) / 1000);
    const ys = body.buckets.map(b => (measure === 'share' ? b.share : b.count));
    const incomplete = body.buckets.some(b => b.incomplete);
    const thin = body.buckets.some(b => b.thin);
    let chart = state.charts.get(theme.id);
    const title = themeName(theme.id) + ' · ' + t(measure) + (incomplete ? t('incomplete') : '')
      + (thin ? t('thin') : '');
    if (!chart || chart.measure !== measure) {
      if (chart) chart.plot.destroy();
      let box = document.getElementById('chart-' + theme.id);
      if (!box) {
        box = el('div', { class: 'chart', id: 'chart-' + theme.id }, el('h3', {}, ''), el('div', { class: 'plot' }));
        container.appendChild(box);
      }
      const plotNode = box.querySelector('.plot');
      clear(plotNode);
      const width = Math.max(360, box.clientWidth || 420);
      const plot = new uPlot({
        width, height: 200,
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: true } },
        series: [{ label: t('time') }, { label: t(measure), stroke: '#2f6fed', fill: 'rgba(47,111,237,0.12)', width: 2,
          value: (u, v) => (v === null || v === undefined ? '' : measure === 'share' ? (v * 100).toFixed(1) + '%' : v) }],
        axes: [{}, { values: (u, vals) => vals.map(v => (measure === 'share' ? (v * 100).toFixed(0) + '%' : v)) }],
      }, [xs, ys], plotNode);
      chart = { plot, measure };
      state.charts.set(theme.id, chart);
    } else {
      chart.plot.setData([xs, ys]);
    }
    document.querySelector('#chart-' + theme.id + ' h3').textContent = title;
  }
}

// ---------------------------------------------------------------- scorecard

async function loadScorecard() {
  const card = await api('/api/scorecard');
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
      el('li', { 'data-stance': e.stance }, el('span', { class: 'stance' }, t(e.stance)),
        link(e.link, segments(e.highlight, e.title)), el('span', { class: 'meta' }, ' · ' + (e.source || '') + ' · ' + when(e.time)))));
    const tests = el('ul', { class: 'tests' }, claim.tests.map(test =>
      el('li', { 'data-signal': test.signal, 'data-reading': test.reading },
        `${t(test.signal)}: ` + (test.low == null ? t(test.reading)
          : `${fmt(test.estimate)} (95% CI ${fmt(test.low)}–${fmt(test.high)}; ${test.threshold}) → ${t(test.reading)}`)
          + (test.decides ? '' : ' *'))));
    const history = el('ol', { class: 'history', 'aria-label': t('history') }, claim.history.map(p =>
      el('li', { class: 'verdict-cell ' + p.verdict, title: `${p.period}: ${t(p.verdict)}` }, p.period.slice(2))));
    claims.appendChild(el('article', { class: 'claim', 'data-theme': claim.theme, 'data-verdict': claim.verdict },
      el('h3', {}, (claim.name[state.lang] || claim.theme) + ' ', el('span', { class: 'verdict ' + claim.verdict }, t(claim.verdict))),
      el('blockquote', {}, claim.claim.zh || '', el('div', { class: 'en' }, claim.claim.en || '')),
      el('p', { class: 'why' }, claim.why[state.lang] || claim.why.en),
      el('div', { class: 'stats' },
        el('span', {}, `${t('supporting')}: ${claim.supporting}`),
        el('span', {}, `${t('challenging')}: ${claim.challenging}`),
        el('span', {}, `${t('neutral')}: ${claim.neutral}`),
        el('span', {}, `${t('rolling')}: ${t(claim.rolling.verdict)}`)),
      tests, history, evidence));
  }
}

/** A share as a percentage, a ratio with two decimals. */
function fmt(value) {
  return value <= 1 ? `${Math.round(value * 100)}%` : value.toFixed(2);
}

// ---------------------------------------------------------------- search

function searchQuery() {
  const params = new URLSearchParams();
  for (const [id, name] of [['q', 'q'], ['search-theme', 'theme'], ['search-stance', 'stance'], ['search-lang', 'lang'], ['search-sort', 'sort']]) {
    const value = document.getElementById(id).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

async function search(append) {
  const params = searchQuery();
  document.getElementById('csv-link').href = '/api/articles.csv?' + params.toString();
  params.set('limit', '20');
  if (append && state.cursor) params.set('cursor', state.cursor);
  const status = document.getElementById('search-status');
  const results = document.getElementById('results');
  if (!append) clear(results);
  try {
    const body = await api('/api/articles?' + params.toString());
    state.cursor = body.nextCursor;
    const total = body.totalRelation === 'gte' ? `${body.total}+` : `${body.total}`;
    status.textContent = body.total === 0 ? t('noResults') : `${total} ${t('results')}`;
    for (const a of body.articles) results.appendChild(resultItem(a));
    document.getElementById('more').hidden = !body.nextCursor;
  } catch (e) {
    status.textContent = `${t('error')}: ${e.message}`;
    document.getElementById('more').hidden = true;
  }
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
  return el('li', { 'data-id': a.id },
    el('strong', {}, themeName(a.theme)), ` ${a.count} ${t('articles')} · ${t(a.granularity)} ${when(a.periodStart)}`,
    a.historical ? el('span', { class: 'meta' }, ` · ${t('historical')}`) : null,
    el('div', { class: 'meta' }, `×${a.ratio} (${t('baseline')} ${a.baseline}${t('perPeriod')}${t(a.granularity)}), p=${Number(a.pValue).toExponential(1)}`));
}

async function loadAlerts() {
  const body = await api('/api/alerts?limit=50');
  const list = document.getElementById('alert-list');
  clear(list);
  if (body.alerts.length === 0) list.appendChild(el('li', { class: 'meta' }, t('noAlerts')));
  for (const a of body.alerts) list.appendChild(alertItem(a));
}

async function loadLatest() {
  const body = await api('/api/articles?limit=15');
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
  state.refreshTimer = setTimeout(() => {
    state.refreshTimer = null;
    refreshAll();
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
    const list = document.getElementById('alert-list');
    const empty = list.querySelector('li.meta');
    if (empty) list.removeChild(empty);
    list.insertBefore(alertItem(JSON.parse(event.data)), list.firstChild);
  });
}

async function refreshAll() {
  const tasks = [loadTrends(), loadScorecard(), loadAlerts(), loadLatest(), loadFeeds(), loadBackfill()];
  for (const task of tasks) {
    try { await task; } catch (e) { console.warn('refresh failed', e); }
  }
}

async function start() {
  applyLabels();
  document.getElementById('lang-toggle').addEventListener('click', async () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    applyLabels();
    for (const chart of state.charts.values()) chart.plot.destroy();
    state.charts.clear();
    clear(document.getElementById('charts'));
    const select = document.getElementById('search-theme');
    for (const option of select.options) if (option.value) option.textContent = themeName(option.value);
    await refreshAll();
    await search(false);
  });
  for (const id of ['interval', 'measure', 'trend-lang']) {
    document.getElementById(id).addEventListener('change', () => loadTrends().catch(e => console.warn(e)));
  }
  document.getElementById('search-form').addEventListener('submit', event => {
    event.preventDefault();
    search(false);
  });
  document.getElementById('more').addEventListener('click', () => search(true));
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
