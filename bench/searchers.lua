-- wrk script for the growth bench's searchers: each request asks the next query of QUERIES_FILE
-- (one URL-encoded query per line), as a browser would (gzip accepted).
local queries = {}
for line in io.lines(os.getenv("QUERIES_FILE")) do queries[#queries + 1] = line end
local asked = 0
wrk.headers["Accept-Encoding"] = "gzip"
request = function()
  asked = asked + 1
  return wrk.format("GET", "/vi/tim-kiem?q=" .. queries[((asked - 1) % #queries) + 1])
end
