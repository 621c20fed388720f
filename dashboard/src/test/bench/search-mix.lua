-- wrk script for serve-and-measure.sh's q-mix and range-mix endpoints: every request is a search
-- no earlier request of the run asked, so no kept page can answer it and what is measured is
-- searching. wrk ... -- NANOS MODE: the instants' nanoseconds are the run's own, so runs differ too.
--   text (q-mix): BenchCorpus's own terms (theme terms and filler, English and Chinese), one or
--     two, from an instant that moves one second per request;
--   range (range-mix): no text, from an instant spread over 2025 to the end of it, 15 articles:
--     the article list beside the dashboard's trends when a date range is picked.
local terms = {
  "layoffs", "job cuts", "hiring freeze", "GPU", "chips", "data center", "couriers",
  "gig workers", "creators", "solo founder", "indie hacker", "side hustle", "funding round",
  "venture capital", "valuation", "company", "market", "report", "quarter", "plan", "city",
  "government", "analysts", "growth", "policy", "users", "platform", "week", "cloud", "mobile",
  "裁员", "优化", "降本增效", "算力", "芯片", "智算中心", "外卖骑手", "快递员", "主播", "一人公司",
  "超级个体", "副业", "融资", "风投", "估值", "公司", "市场", "报告", "季度", "计划", "城市", "政府",
  "分析师", "增长", "政策", "用户", "平台", "手机"
}
local YEAR_START = 1735689600 -- 2025-01-01T00:00:00Z
local YEAR_SECONDS = 365 * 86400

local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local nanos = "0"
local function instant(seconds)
  return os.date("!%Y-%m-%dT%H:%M:%S", YEAR_START + seconds) .. "." .. nanos .. "Z"
end

local mode = "text"
function init(args)
  nanos = args[1] or "0"
  mode = args[2] or "text"
end

local count = 0
function request()
  count = count + 1
  -- Distinct across threads: wrk runs at most 16 threads here.
  local n = count * 16 + id
  if mode == "range" then
    -- 37 is prime to the year's seconds: every n below them is another instant.
    local from = instant((n * 37) % YEAR_SECONDS)
    return wrk.format("GET", "/api/articles?limit=15&from=" .. from .. "&to=2026-01-01")
  end
  local first = terms[n % #terms + 1]
  local q = first
  if n % 3 ~= 0 then
    q = first .. " " .. terms[math.floor(n / #terms) % #terms + 1]
  end
  return wrk.format("GET", "/api/articles?limit=20&q=" .. encode(q) .. "&from=" .. instant(n))
end
