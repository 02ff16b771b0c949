-- wrk script: POST /api/v1/projects with a unique title per request (the derived slugs
-- stay unique, so every create is a plain single-row insert). Set VITRINE_BENCH_TOKEN.
local counter = 0
local run = tostring(os.time()) .. "-" .. tostring(math.random(1, 1000000))
local token = os.getenv("VITRINE_BENCH_TOKEN")
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. token,
}

request = function()
  counter = counter + 1
  local body = '{"title":"Bench ' .. run .. " " .. counter ..
      '","summary":"A benchmark project","tags":["bench"],"visibility":"published"}'
  return wrk.format("POST", "/api/v1/projects", headers, body)
end
