-- wrk: each thread cycles through the paths of $QUERIES (one a line),
-- starting at its own place in the list.
local paths = {}
for line in io.lines(os.getenv("QUERIES")) do
  paths[#paths + 1] = line
end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 7919)
end

local i
function request()
  i = (i or start or 0) + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
